/** Reading rule files and schemas from disk for the engine (Node only). */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse as parseTolerantly, type ParseError } from 'jsonc-parser';

import type { SchemaSet } from '../engine/index.ts';

/** The repository's rules/ and schemas/ folders. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
export const DEFAULT_SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** A 1-based line and column (in UTF-16 code units) in a text file. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A folder or JSON file that could not be read or parsed; the message names it. */
export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** The system's or the JSON parser's reason for the failure, without the file name. */
    readonly reason: string,
    /** True when the file was read but is not valid JSON. */
    readonly invalidJson = false,
    /** For invalid JSON: where the parser stopped, when it is known. */
    readonly position?: TextPosition,
  ) {
    super(message);
    this.name = 'RuleFileError';
  }
}

/** The JSON files of a folder: those that parsed, and an error for each that did not. */
export interface JsonFolder {
  files: Record<string, unknown>;
  invalid: RuleFileError[];
}

/** Reads every `*.json` file in a folder, parsed, by file name. Throws at the first bad file. */
export function readJsonFolder(dir: string): Record<string, unknown> {
  const { files, invalid } = readJsonFolderLeniently(dir);
  if (invalid.length > 0) throw invalid[0];
  return files;
}

/**
 * Reads every `*.json` file in a folder, keeping going past files that are not valid JSON, so a
 * check can report all of them. Throws RuleFileError only when the folder or a file cannot be
 * read.
 */
export function readJsonFolderLeniently(dir: string): JsonFolder {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    const reason = (error as Error).message;
    throw new RuleFileError(folder, `${folder}: cannot read the folder: ${reason}`, reason);
  }

  const result: JsonFolder = { files: {}, invalid: [] };
  for (const name of names) {
    const path = join(folder, name);
    try {
      result.files[name] = parseJson(readText(path), path);
    } catch (error) {
      if (!(error instanceof RuleFileError) || !error.invalidJson) throw error;
      result.invalid.push(error);
    }
  }
  return result;
}

/** Reads one JSON file; the error names the file and, for bad JSON, the line and column. */
export function readJsonFile(path: string): unknown {
  return parseJson(readText(path), path);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as Error).message;
    throw new RuleFileError(path, `${path}: cannot read the file: ${reason}`, reason);
  }
}

/**
 * Parses JSON text read from `path`. Invalid JSON throws RuleFileError with the reason and,
 * when it can be found, the position of the fault.
 */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = locateSyntaxError(text, message);
    const reason = message.replace(/ in JSON at position \d+$/u, '');
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    const described = `${basename(path)}: invalid JSON${where}: ${reason}`;
    throw new RuleFileError(path, described, reason, true, position);
  }
}

/**
 * Finds where JSON.parse failed. V8 gives a position for some errors only, so jsonc-parser, set
 * to accept strict JSON only, finds the offset of the first fault. V8's position is the fallback.
 */
function locateSyntaxError(text: string, message: string): TextPosition | undefined {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const fromV8 = /at position (\d+)/u.exec(message)?.[1];
  const offset = errors[0]?.offset ?? (fromV8 === undefined ? undefined : Number(fromV8));
  if (offset === undefined) return undefined;

  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Reads the rule files of a folder (default rules/), parsed, by file name. */
export function readRuleFiles(dir: string = DEFAULT_RULES_DIR): Record<string, unknown> {
  return readJsonFolder(dir);
}

/**
 * Reads every schema in a folder (default schemas/), so a schema added there is used with no
 * code change. Pass the result to `checkRuleFiles` or `loadRuleBundle`.
 */
export function readSchemas(dir: string = DEFAULT_SCHEMAS_DIR): SchemaSet {
  const schemas: SchemaSet = {};
  for (const [name, schema] of Object.entries(readJsonFolder(dir))) {
    if (name.endsWith('.schema.json')) schemas[name] = schema as object;
  }
  return schemas;
}
