/**
 * `ringback rules check | classify | test`: validate rule files and business settings, classify
 * a JSONL file of customer texts, and compare classifications with expected ones.
 */
import { rulesDir } from './rules-store.ts';
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';

import type { Command } from 'commander';

import classificationSchema from '../schemas/classification.schema.json' with { type: 'json' };
import {
  BUSINESS_FILE,
  checkBusinessSettings,
  checkRuleFiles,
  CLASSIFICATION_FIELDS,
  createClassifier,
  loadRuleBundle,
  problem,
  relocateProblem,
  RuleBundleError,
  type Classification,
  type Classifier,
  type Problem,
  type SchemaSet,
} from '../engine/index.ts';
import {
  readJsonFile,
  readJsonFolderLeniently,
  readSchemas,
  RuleFileError,
  type JsonFolder,
} from './rules-files.ts';

export { CLASSIFICATION_FIELDS };

type Field = (typeof CLASSIFICATION_FIELDS)[number];

/** One input line of `rules classify` and `rules test`. */
export interface CaseLine {
  line: number;
  id: string;
  text: string;
  afterHours: boolean;
  expect?: Partial<Record<Field, unknown>>;
}

/** An input file with a bad line; the message names the file, line and field. */
export class CaseFileError extends Error {}

/** Adds the `rules` command and its subcommands to the program. */
export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('check and try the rule files in rules/');

  rules
    .command('check')
    .description(
      'validate every rule file, and the business settings (RINGBACK_CONFIG, else ' +
        'DIR/business.json), against its schema and the cross-checks',
    )
    .argument(
      '[dir]',
      'folder of rule files (default: RINGBACK_RULES_DIR, else rules/)',
      rulesDir(),
    )
    .action(async (dir: string) => {
      process.exitCode = await reportingFailures(async () => runCheck(dir));
    });

  rules
    .command('classify')
    .description('classify each {"id","text","afterHours"?} line and print one JSON line per text')
    .argument('<file>', 'JSONL file of customer texts')
    .option(
      '-r, --rules <dir>',
      'folder of rule files (default: RINGBACK_RULES_DIR, else rules/)',
      rulesDir(),
    )
    .action(async (file: string, options: { rules: string }) => {
      process.exitCode = await reportingFailures(() => runClassify(file, options.rules));
    });

  rules
    .command('test')
    .description('classify each line and compare with its "expect" object; exit 1 on any mismatch')
    .argument('<file>', 'JSONL file of labelled customer texts')
    .option(
      '-r, --rules <dir>',
      'folder of rule files (default: RINGBACK_RULES_DIR, else rules/)',
      rulesDir(),
    )
    .action(async (file: string, options: { rules: string }) => {
      process.exitCode = await reportingFailures(() => runTest(file, options.rules));
    });
}

/**
 * Runs a command, printing an unreadable input file or invalid rule files as plain messages
 * with exit code 1; any other error is a bug and keeps its stack trace.
 */
export async function reportingFailures(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof RuleBundleError) {
      for (const problem of error.problems) console.error(`[${problem.code}] ${problem.message}`);
      console.error(`${error.problems.length} problem(s) found; run 'ringback rules check'`);
      return 1;
    }
    if (error instanceof CaseFileError || error instanceof RuleFileError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/**
 * Prints each problem of the rule files in `dir` and of the business settings the product runs
 * with: `settingsFile` (default: RINGBACK_CONFIG) when set, else `dir`/business.json. Returns
 * the exit code.
 */
export function runCheck(
  dir: string,
  settingsFile: string | undefined = process.env.RINGBACK_CONFIG,
): number {
  const schemas = readSchemas();
  const folder = readJsonFolderLeniently(dir);
  const problems = [
    ...checkRuleFolder(dir, folder, schemas),
    ...checkSettings(dir, folder, settingsFile, schemas),
  ];
  if (problems.length === 0) {
    console.log(`${displayPath(dir)}: all rule files are valid`);
    console.log(`${displayPath(settingsLocation(dir, settingsFile))}: business settings are valid`);
    return 0;
  }
  for (const found of problems) console.error(`[${found.code}] ${found.message}`);
  console.error(`${problems.length} problem(s) found`);
  return 1;
}

/** Checks the files of a rules folder; messages name each file inside `dir`. */
function checkRuleFolder(dir: string, folder: JsonFolder, schemas: SchemaSet): Problem[] {
  const unparsed = new Set(folder.invalid.map((error) => basename(error.file)));
  const checked = checkRuleFiles(folder.files, schemas)
    .filter((found) => !(found.code === 'missing-file' && unparsed.has(found.file)))
    .map((found) => relocateProblem(found, displayPath(join(dir, found.file))));
  const invalid = folder.invalid.map((error) =>
    invalidJsonProblem(basename(error.file), displayPath(error.file), error),
  );
  return [...invalid, ...checked];
}

/** Returns the path of the business settings file the product runs with. */
function settingsLocation(dir: string, settingsFile: string | undefined): string {
  return resolve(settingsFile ?? join(dir, BUSINESS_FILE));
}

/**
 * Checks the business settings. Settings inside `dir` were checked with the folder, so only their
 * absence is reported here. Settings kept elsewhere are read and checked on their own.
 */
function checkSettings(
  dir: string,
  folder: JsonFolder,
  settingsFile: string | undefined,
  schemas: SchemaSet,
): Problem[] {
  const path = settingsLocation(dir, settingsFile);
  const location = displayPath(path);
  if (path === resolve(dir, BUSINESS_FILE)) {
    const present =
      BUSINESS_FILE in folder.files || folder.invalid.some((error) => error.file === path);
    if (present) return [];
    const detail =
      'the business settings file is missing; add it, or set RINGBACK_CONFIG to the file ' +
      'the product runs with';
    return [relocateProblem(problem('missing-file', BUSINESS_FILE, '', detail), location)];
  }

  let settings: unknown;
  try {
    settings = readJsonFile(path);
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    if (error.invalidJson) return [invalidJsonProblem(BUSINESS_FILE, location, error)];
    const detail = `cannot read the business settings named by RINGBACK_CONFIG: ${error.reason}`;
    return [relocateProblem(problem('missing-file', BUSINESS_FILE, '', detail), location)];
  }
  return checkBusinessSettings(settings, schemas).map((found) => relocateProblem(found, location));
}

/** Turns a JSON syntax error into an `invalid-json` problem whose message names `location`. */
function invalidJsonProblem(file: string, location: string, error: RuleFileError): Problem {
  const { position } = error;
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  const found = problem('invalid-json', file, '', `invalid JSON${where}: ${error.reason}`);
  return { ...relocateProblem(found, location), ...position };
}

/** Returns a path relative to the working folder when it lies inside it, else absolute. */
function displayPath(path: string): string {
  const absolute = resolve(path);
  const fromHere = relative(process.cwd(), absolute);
  if (fromHere === '') return '.';
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere;
}

export async function runClassify(file: string, rulesDir: string): Promise<number> {
  const cases = readCaseFile(file, false);
  const classifier = loadClassifier(rulesDir);
  for (const item of cases) {
    const decision = await classifier.classify({ text: item.text, afterHours: item.afterHours });
    console.log(JSON.stringify(classificationLine(item.id, decision)));
  }
  return 0;
}

export async function runTest(file: string, rulesDir: string): Promise<number> {
  const cases = readCaseFile(file, true);
  const classifier = loadClassifier(rulesDir);
  const correct = new Map<Field, number>(CLASSIFICATION_FIELDS.map((field) => [field, 0]));
  const counted = new Map<Field, number>(CLASSIFICATION_FIELDS.map((field) => [field, 0]));
  let mismatches = 0;

  for (const item of cases) {
    const decision = await classifier.classify({ text: item.text, afterHours: item.afterHours });
    for (const field of CLASSIFICATION_FIELDS) {
      if (!(field in (item.expect ?? {}))) continue;
      counted.set(field, (counted.get(field) ?? 0) + 1);
      const expected = item.expect?.[field];
      if (expected === decision[field]) {
        correct.set(field, (correct.get(field) ?? 0) + 1);
        continue;
      }
      mismatches++;
      const got = JSON.stringify(decision[field]);
      console.log(`${item.id}: ${field} expected ${JSON.stringify(expected)}, got ${got}`);
      console.log(`  text: ${item.text}`);
      console.log(`  rules: ${decision.rules.join(', ') || '(none fired)'}`);
    }
  }

  printAccuracy(cases.length, counted, correct);
  console.log(mismatches === 0 ? 'all texts match' : `${mismatches} mismatch(es)`);
  return mismatches === 0 ? 0 : 1;
}

function printAccuracy(texts: number, counted: Map<Field, number>, correct: Map<Field, number>) {
  console.log(`accuracy over ${texts} texts:`);
  for (const field of CLASSIFICATION_FIELDS) {
    const total = counted.get(field) ?? 0;
    if (total === 0) continue;
    const right = correct.get(field) ?? 0;
    const percent = ((100 * right) / total).toFixed(1);
    console.log(`  ${field.padEnd(13)} ${String(right).padStart(4)}/${total}  ${percent}%`);
  }
}

/**
 * Loads the rules of a folder. Invalid rule files throw RuleBundleError, with messages that name
 * each file inside `rulesDir`.
 */
function loadClassifier(rulesDir: string): Classifier {
  const folder = readJsonFolderLeniently(rulesDir);
  const invalid = folder.invalid.map((error) =>
    invalidJsonProblem(basename(error.file), displayPath(error.file), error),
  );
  if (invalid.length > 0) throw new RuleBundleError(invalid);
  try {
    return createClassifier(loadRuleBundle(folder.files, readSchemas()));
  } catch (error) {
    if (!(error instanceof RuleBundleError)) throw error;
    const located = error.problems.map((found) =>
      relocateProblem(found, displayPath(join(rulesDir, found.file))),
    );
    throw new RuleBundleError(located);
  }
}

/** Builds the output line of `rules classify`. */
export function classificationLine(id: string, decision: Classification) {
  return {
    id,
    urgency: decision.urgency,
    jobType: decision.jobType,
    keyword: decision.keyword,
    propertyType: decision.propertyType,
    intent: decision.intent,
    zip: decision.zip,
    rules: decision.rules,
  };
}

const BYTE_ORDER_MARK = /^\uFEFF/u;

/**
 * Reads a JSONL file of `{"id","text","afterHours"?,"expect"?}` lines, skipping blank lines and
 * a UTF-8 byte order mark at the start of a line. Throws CaseFileError naming the line number and
 * field of the first bad line, or when the file has no lines at all.
 */
export function readCaseFile(file: string, requireExpect: boolean): CaseLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CaseFileError(`${file}: cannot read the file: ${(error as Error).message}`);
  }

  const cases: CaseLine[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = raw.replace(BYTE_ORDER_MARK, '');
    if (line.trim() === '') return;
    cases.push(parseCaseLine(`${file}:${index + 1}`, index + 1, line, requireExpect));
  });
  if (cases.length === 0) {
    throw new CaseFileError(`${file}: no texts: the file is empty or has only blank lines`);
  }
  return cases;
}

function parseCaseLine(where: string, line: number, raw: string, requireExpect: boolean): CaseLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new CaseFileError(`${where}: invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaseFileError(`${where}: expected a JSON object`);
  }

  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id === '') {
    throw new CaseFileError(`${where}: field "id" must be a non-empty string`);
  }
  if (typeof item.text !== 'string') {
    throw new CaseFileError(`${where}: field "text" must be a string`);
  }
  if (item.afterHours !== undefined && typeof item.afterHours !== 'boolean') {
    throw new CaseFileError(`${where}: field "afterHours" must be true or false`);
  }
  return {
    line,
    id: item.id,
    text: item.text,
    afterHours: item.afterHours === true,
    expect: readExpect(where, item.expect, requireExpect),
  };
}

function readExpect(where: string, expect: unknown, required: boolean): CaseLine['expect'] {
  if (expect === undefined && !required) return undefined;
  if (typeof expect !== 'object' || expect === null || Array.isArray(expect)) {
    throw new CaseFileError(`${where}: field "expect" must be an object of expected values`);
  }
  for (const [key, value] of Object.entries(expect)) {
    if (!(CLASSIFICATION_FIELDS as readonly string[]).includes(key)) {
      const known = CLASSIFICATION_FIELDS.join(', ');
      throw new CaseFileError(`${where}: field "expect.${key}" is not one of ${known}`);
    }
    checkExpectedValue(where, key as Field, value);
  }
  return expect as CaseLine['expect'];
}

/** The values each classification field can take, from classification.schema.json. */
const ALLOWED_VALUES = classificationSchema.properties as Record<Field, { enum?: unknown[] }>;
const ZIP = new RegExp(classificationSchema.properties.zip.pattern, 'u');

/** Throws CaseFileError when an expected value is one the classifier never outputs. */
function checkExpectedValue(where: string, field: Field, value: unknown): void {
  const allowed = ALLOWED_VALUES[field].enum;
  if (allowed !== undefined && !allowed.includes(value)) {
    const listed = allowed.map((option) => JSON.stringify(option)).join(', ');
    throw new CaseFileError(
      `${where}: field "expect.${field}" is ${JSON.stringify(value)}, not one of ${listed}`,
    );
  }
  if (field === 'zip' && value !== null && !(typeof value === 'string' && ZIP.test(value))) {
    throw new CaseFileError(
      `${where}: field "expect.zip" is ${JSON.stringify(value)}, not a 5-digit string or null`,
    );
  }
}
