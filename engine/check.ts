/**
 * Checks rule files before they are used. Each file is validated against its JSON Schema (ajv,
 * draft 2020-12). Then the cross-checks require that every template, fact, operator and phrase
 * list named exists, that rule names are unique, and that rules whose order decides the result
 * do not share a priority. The business settings have cross-checks of their own, in
 * check-business.ts.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

import { BUSINESS_FILE, crossCheckBusiness } from './check-business.js';
import { IMPLIED_ROUTINE } from './decide.js';
import { FACTS } from './facts.js';
import { listNamesIn } from './message.js';
import { CUSTOM_OPERATORS, isKnownOperator } from './operators.js';
import { pointerSegment, problem } from './problems.js';
import { BUNDLED_SCHEMAS, schemaNameFor, type SchemaSet } from './schemas.js';
import { TEMPLATE_VARIABLES } from './template-variables.js';
import { templateVariables } from './templates.js';
import type { Problem } from './types.js';

/** The rule files the classifier needs. */
export const REQUIRED_FILES = [
  'keywords.json',
  'triage.json',
  'qualification.json',
  'phrases.json',
  'templates.json',
];

/** Event types the classifier resolves by priority, so equal priorities leave the winner open. */
const ORDERED_EVENTS = new Set(['keyword', 'urgency', 'jobType', 'propertyType', 'intent']);

// ajv-formats is CommonJS; depending on the loader its function is the module or its default.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

interface RuleLike {
  name?: unknown;
  priority?: unknown;
  conditions?: unknown;
  event?: { type?: unknown; params?: Record<string, unknown> };
}

/**
 * Checks rule files given as parsed JSON by file name (`{"triage.json": {...}}`), each against
 * `schemas/<name>.schema.json`. Returns every problem found; an empty list means the files
 * can be loaded.
 */
export function checkRuleFiles(
  files: Record<string, unknown>,
  schemas: SchemaSet = BUNDLED_SCHEMAS,
): Problem[] {
  const problems = [...checkSchemas(files, schemas)];
  for (const required of REQUIRED_FILES) {
    if (!(required in files)) {
      problems.push(problem('missing-file', required, '', 'the file is missing'));
    }
  }
  problems.push(...crossCheck(files));
  if (BUSINESS_FILE in files) problems.push(...crossCheckBusiness(files[BUSINESS_FILE]));
  return problems;
}

/**
 * Checks business settings (parsed business.json, wherever the file is kept) against
 * `business.schema.json` and the business cross-checks. Problems name the file `business.json`.
 */
export function checkBusinessSettings(
  settings: unknown,
  schemas: SchemaSet = BUNDLED_SCHEMAS,
): Problem[] {
  const problems = checkSchemas({ [BUSINESS_FILE]: settings }, schemas);
  return [...problems, ...crossCheckBusiness(settings)];
}

function checkSchemas(files: Record<string, unknown>, schemas: SchemaSet): Problem[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const broken = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    try {
      ajv.addSchema(schema, name);
    } catch (error) {
      broken.set(name, (error as Error).message);
    }
  }

  const problems: Problem[] = [];
  for (const [file, content] of Object.entries(files)) {
    const schemaName = schemaNameFor(file);
    if (!(schemaName in schemas)) {
      problems.push(problem('missing-schema', file, '', schemaName));
      continue;
    }
    problems.push(...validateOne(ajv, file, schemaName, content, broken.get(schemaName)));
  }
  return problems;
}

function validateOne(
  ajv: InstanceType<typeof Ajv2020>,
  file: string,
  schemaName: string,
  content: unknown,
  brokenReason: string | undefined,
): Problem[] {
  let validate;
  try {
    if (brokenReason) throw new Error(brokenReason);
    validate = ajv.getSchema(schemaName);
  } catch (error) {
    return [problem('invalid-schema', file, '', `${schemaName}: ${(error as Error).message}`)];
  }
  if (!validate || validate(content)) return [];
  return describeSchemaErrors(file, validate.errors ?? []);
}

/** Turns ajv errors into problems, dropping the `if`/`anyOf` wrappers that repeat a cause. */
function describeSchemaErrors(file: string, errors: ErrorObject[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf') continue;
    const message = schemaMessage(error);
    const key = `${error.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem('schema', file, error.instancePath, message));
  }
  return problems;
}

function schemaMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return `property '${String(params.additionalProperty)}' is not allowed here`;
  }
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
    return `must be one of ${allowed.join(', ')}`;
  }
  return error.message ?? `fails the '${error.keyword}' rule of the schema`;
}

function crossCheck(files: Record<string, unknown>): Problem[] {
  const templateIds = templateIdsOf(files['templates.json']);
  const phraseLists = phraseListsOf(files['phrases.json']);
  const problems: Problem[] = [];
  const ruleNames = new Map<string, string>();

  if (templateIds !== null && !templateIds.has(IMPLIED_ROUTINE.template)) {
    problems.push(problem('unknown-template', 'templates.json', '', IMPLIED_ROUTINE.template));
  }
  problems.push(...checkTemplateVariables(files['templates.json']));
  for (const file of Object.keys(files).sort()) {
    const rules = rulesOf(files[file]);
    rules.forEach((rule, index) => {
      const at = `/rules/${index}`;
      problems.push(...checkRuleName(file, at, rule, ruleNames));
      problems.push(...checkTemplate(file, at, rule, templateIds));
      problems.push(...checkConditions(file, `${at}/conditions`, rule.conditions, phraseLists));
    });
    problems.push(...checkPriorityTies(file, rules));
  }
  return problems;
}

/** Finds variables that no code fills in, such as a misspelt {{company.nmae}}. */
function checkTemplateVariables(content: unknown): Problem[] {
  if (!isObject(content)) return [];
  const problems: Problem[] = [];
  for (const [id, template] of Object.entries(content)) {
    if (!isObject(template) || typeof template.text !== 'string') continue;
    for (const name of templateVariables(template.text)) {
      if (TEMPLATE_VARIABLES.has(name)) continue;
      const path = `/${pointerSegment(id)}/text`;
      problems.push(problem('unknown-variable', 'templates.json', path, name));
    }
  }
  return problems;
}

function templateIdsOf(content: unknown): Set<string> | null {
  if (!isObject(content)) return null;
  return new Set(Object.keys(content).filter((key) => key !== '$schema'));
}

function phraseListsOf(content: unknown): Set<string> | null {
  if (!isObject(content) || !isObject(content.lists)) return null;
  return new Set(Object.keys(content.lists));
}

/** Returns the rules of a json-rules-engine rule file, or none for other files. */
function rulesOf(content: unknown): RuleLike[] {
  if (!isObject(content) || !Array.isArray(content.rules)) return [];
  return content.rules.filter((rule): rule is RuleLike => isObject(rule));
}

function checkRuleName(file: string, at: string, rule: RuleLike, seen: Map<string, string>) {
  if (typeof rule.name !== 'string') return [];
  const first = seen.get(rule.name);
  if (first === undefined) {
    seen.set(rule.name, file);
    return [];
  }
  const detail = `rule name '${rule.name}' is already used in ${first}; rule names must be unique`;
  return [problem('duplicate-rule', file, `${at}/name`, detail)];
}

function checkTemplate(file: string, at: string, rule: RuleLike, templateIds: Set<string> | null) {
  const template = rule.event?.params?.template;
  if (typeof template !== 'string' || templateIds === null) return [];
  if (templateIds.has(template)) return [];
  return [problem('unknown-template', file, `${at}/event/params/template`, template)];
}

function checkConditions(
  file: string,
  at: string,
  condition: unknown,
  phraseLists: Set<string> | null,
): Problem[] {
  if (!isObject(condition)) return [];
  const problems: Problem[] = [];

  for (const key of ['all', 'any'] as const) {
    const children = condition[key];
    if (!Array.isArray(children)) continue;
    children.forEach((child, index) => {
      problems.push(...checkConditions(file, `${at}/${key}/${index}`, child, phraseLists));
    });
  }
  if (condition.not !== undefined) {
    problems.push(...checkConditions(file, `${at}/not`, condition.not, phraseLists));
  }
  if (typeof condition.fact === 'string') {
    problems.push(...checkFactCondition(file, at, condition, phraseLists));
  }
  return problems;
}

function checkFactCondition(
  file: string,
  at: string,
  condition: Record<string, unknown>,
  phraseLists: Set<string> | null,
): Problem[] {
  const problems: Problem[] = [];
  const fact = String(condition.fact);
  const operator = String(condition.operator);
  if (!(fact in FACTS)) problems.push(problem('unknown-fact', file, `${at}/fact`, fact));
  if (!isKnownOperator(operator)) {
    problems.push(problem('unknown-operator', file, `${at}/operator`, operator));
  }
  const phraseOperator = (CUSTOM_OPERATORS as readonly string[]).includes(
    operator.split(':').pop()!,
  );
  if (phraseOperator && fact in FACTS && fact !== 'message') {
    const detail =
      `operator '${operator}' reads the customer text, so it never matches fact '${fact}'; ` +
      `use fact 'message'`;
    problems.push(problem('wrong-fact', file, `${at}/fact`, detail));
  }

  if (phraseLists === null) return problems;
  const baseOperator = operator.split(':').pop() ?? operator;
  for (const name of listNamesIn(baseOperator, condition.value)) {
    if (!phraseLists.has(name)) {
      problems.push(problem('unknown-phrase-list', file, `${at}/value`, name));
    }
  }
  return problems;
}

function checkPriorityTies(file: string, rules: RuleLike[]): Problem[] {
  const problems: Problem[] = [];
  const firstByKey = new Map<string, { index: number; params: string }>();

  rules.forEach((rule, index) => {
    const type = rule.event?.type;
    if (typeof type !== 'string' || !ORDERED_EVENTS.has(type)) return;
    const params = rule.event?.params ?? {};
    const group = type === 'urgency' ? `urgency:${String(params.urgency)}` : type;
    const priority = typeof rule.priority === 'number' ? rule.priority : 1;
    const key = `${group}@${priority}`;

    const first = firstByKey.get(key);
    const paramsText = JSON.stringify(params);
    if (first === undefined) {
      firstByKey.set(key, { index, params: paramsText });
      return;
    }
    if (first.params === paramsText) return;
    const other = String(rules[first.index].name);
    const detail =
      `rule '${String(rule.name)}' and rule '${other}' both have priority ${priority} ` +
      `but their ${type} events differ; give one a higher priority so the winner is defined`;
    const path = rule.priority === undefined ? `/rules/${index}` : `/rules/${index}/priority`;
    problems.push(problem('priority-tie', file, path, detail));
  });
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
