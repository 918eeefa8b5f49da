import type { RuleDefinition, TemplateDefinition } from '../../../engine/index.js';
import type { RuleFiles } from './history.js';
import { phraseListsOf } from './phraseOperators.js';
import { toPointer } from './pointer.js';

/** A rule with where it sits: file and index, the node's identity in the graph. */
export interface LocatedRule {
  file: string;
  index: number;
  pointer: string;
  rule: Partial<RuleDefinition>;
}

/** One fact condition inside a rule's condition tree, with its JSON pointer. */
export interface LocatedCondition {
  pointer: string;
  fact: unknown;
  operator: unknown;
  value: unknown;
}

/** The file whose lists the phrase operators (`mentions`, `isExactly`, ...) name. */
export const PHRASES_FILE = 'phrases.json';
export const TEMPLATES_FILE = 'templates.json';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** File names that hold json-rules-engine rules (a `rules` array), sorted. */
export function ruleSetFiles(files: RuleFiles): string[] {
  return Object.keys(files)
    .filter(
      (name) => isRecord(files[name]) && Array.isArray((files[name] as { rules?: unknown }).rules),
    )
    .sort();
}

export function rulesOf(files: RuleFiles, file: string): LocatedRule[] {
  const content = files[file];
  if (!isRecord(content) || !Array.isArray(content.rules)) return [];
  return content.rules.map((rule, index) => ({
    file,
    index,
    pointer: `/rules/${index}`,
    rule: (isRecord(rule) ? rule : {}) as Partial<RuleDefinition>,
  }));
}

/** Template ids of templates.json, in file order. */
export function templatesOf(files: RuleFiles): [string, Partial<TemplateDefinition>][] {
  const content = files[TEMPLATES_FILE];
  if (!isRecord(content)) return [];
  return Object.entries(content)
    .filter(([id, template]) => id !== '$schema' && isRecord(template))
    .map(([id, template]) => [id, template as Partial<TemplateDefinition>]);
}

/** Returns every fact condition of a condition tree, depth first, in file order. */
export function conditionsOf(conditions: unknown, pointer: string): LocatedCondition[] {
  if (!isRecord(conditions)) return [];
  const found: LocatedCondition[] = [];
  for (const key of ['all', 'any'] as const) {
    const children = conditions[key];
    if (Array.isArray(children)) {
      children.forEach((child, index) =>
        found.push(...conditionsOf(child, `${pointer}/${key}/${index}`)),
      );
    }
  }
  if (conditions.not !== undefined) found.push(...conditionsOf(conditions.not, `${pointer}/not`));
  if (typeof conditions.fact === 'string') {
    found.push({
      pointer,
      fact: conditions.fact,
      operator: conditions.operator,
      value: conditions.value,
    });
  }
  return found;
}

/** Returns every phrase list a rule refers to, without repeats. */
export function phraseListsOfRule(rule: Partial<RuleDefinition>): string[] {
  const lists = conditionsOf(rule.conditions, '/conditions').flatMap((condition) =>
    phraseListsOf(condition.operator, condition.value),
  );
  return [...new Set(lists)];
}

/** Pointer of a phrase list's phrases array in phrases.json. */
export function phraseListPointer(list: string): string {
  return toPointer(['lists', list, 'phrases']);
}

export function phrasesOf(files: RuleFiles, list: string): string[] | undefined {
  const content = files[PHRASES_FILE];
  if (!isRecord(content) || !isRecord(content.lists)) return undefined;
  const entry = content.lists[list];
  if (!isRecord(entry) || !Array.isArray(entry.phrases)) return undefined;
  return entry.phrases.filter((phrase): phrase is string => typeof phrase === 'string');
}

/** Rules of every rule file that name `list`, for warning that an edit changes them all. */
export function rulesUsingList(files: RuleFiles, list: string): LocatedRule[] {
  return ruleSetFiles(files)
    .flatMap((file) => rulesOf(files, file))
    .filter((located) => phraseListsOfRule(located.rule).includes(list));
}

/** Returns the branch and template a rule's event chooses, when it names them. */
export function eventTargets(rule: Partial<RuleDefinition>): {
  branch?: string;
  template?: string;
} {
  const params = isRecord(rule.event) && isRecord(rule.event.params) ? rule.event.params : {};
  return {
    branch: typeof params.branch === 'string' ? params.branch : undefined,
    template: typeof params.template === 'string' ? params.template : undefined,
  };
}
