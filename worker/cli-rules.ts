/**
 * `ringback rules check | classify | test`: validate rule files, classify a JSONL file of
 * customer texts, and compare classifications with expected ones.
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';

import {
  checkRuleFiles,
  createClassifier,
  loadRuleBundle,
  RuleBundleError,
  type Classification,
  type Classifier,
} from '../engine/index.ts';
import { DEFAULT_RULES_DIR, readRuleFiles, readSchemas, RuleFileError } from './rules-files.ts';

/** The classification fields `rules test` compares, in output order. */
export const CLASSIFICATION_FIELDS = [
  'urgency',
  'jobType',
  'keyword',
  'propertyType',
  'intent',
  'zip',
] as const;

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
    .description('validate every rule file against its schema and the cross-checks')
    .argument('[dir]', 'folder of rule files', DEFAULT_RULES_DIR)
    .action(async (dir: string) => {
      process.exitCode = await reportingFailures(async () => runCheck(dir));
    });

  rules
    .command('classify')
    .description('classify each {"id","text","afterHours"?} line and print one JSON line per text')
    .argument('<file>', 'JSONL file of customer texts')
    .option('-r, --rules <dir>', 'folder of rule files', DEFAULT_RULES_DIR)
    .action(async (file: string, options: { rules: string }) => {
      process.exitCode = await reportingFailures(() => runClassify(file, options.rules));
    });

  rules
    .command('test')
    .description('classify each line and compare with its "expect" object; exit 1 on any mismatch')
    .argument('<file>', 'JSONL file of labelled customer texts')
    .option('-r, --rules <dir>', 'folder of rule files', DEFAULT_RULES_DIR)
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

/** Prints each problem of the rule files; returns the exit code. */
export function runCheck(dir: string): number {
  const problems = checkRuleFiles(readRuleFiles(dir), readSchemas());
  if (problems.length === 0) {
    console.log(`${dir}: all rule files are valid`);
    return 0;
  }
  for (const problem of problems) console.error(`[${problem.code}] ${problem.message}`);
  console.error(`${problems.length} problem(s) found`);
  return 1;
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

function loadClassifier(rulesDir: string): Classifier {
  return createClassifier(loadRuleBundle(readRuleFiles(rulesDir), readSchemas()));
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

/**
 * Reads a JSONL file of `{"id","text","afterHours"?,"expect"?}` lines, skipping blank lines.
 * Throws CaseFileError naming the line number and field of the first bad line.
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
    if (raw.trim() === '') return;
    cases.push(parseCaseLine(`${file}:${index + 1}`, index + 1, raw, requireExpect));
  });
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
  for (const key of Object.keys(expect)) {
    if (!(CLASSIFICATION_FIELDS as readonly string[]).includes(key)) {
      const known = CLASSIFICATION_FIELDS.join(', ');
      throw new CaseFileError(`${where}: field "expect.${key}" is not one of ${known}`);
    }
  }
  return expect as CaseLine['expect'];
}
