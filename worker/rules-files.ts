/** Reading rule files and schemas from disk for the engine (Node only). */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { SchemaSet } from '../engine/index.ts';

/** The repository's rules/ and schemas/ folders. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
export const DEFAULT_SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** A folder or JSON file that could not be read or parsed; the message names it. */
export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleFileError';
  }
}

/** Reads every `*.json` file in a folder, parsed, by file name. */
export function readJsonFolder(dir: string): Record<string, unknown> {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    const reason = (error as Error).message;
    throw new RuleFileError(folder, `${folder}: cannot read the folder: ${reason}`);
  }

  const files: Record<string, unknown> = {};
  for (const name of names) files[name] = readJsonFile(join(folder, name));
  return files;
}

/** Reads one JSON file; the error names the file and, for bad JSON, the parser's reason. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(path, `${path}: cannot read the file: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RuleFileError(path, `${basename(path)}: invalid JSON: ${(error as Error).message}`);
  }
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
