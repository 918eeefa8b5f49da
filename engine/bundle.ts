/** Loading checked rule files into the bundle the classifier and the template renderer use. */
import { checkRuleFiles } from './check.js';
import { hashRuleFiles } from './hash.js';
import { compileLexicon, type Lexicon, type PhraseFile } from './phrases.js';
import type { SchemaSet } from './schemas.js';
import type { Problem } from './types.js';

/** The rule files whose rules the classifier runs, in the order it runs them. */
export const CLASSIFIER_RULE_FILES = ['keywords.json', 'triage.json', 'qualification.json'];

/** One rule as written in a rules file. */
export interface RuleDefinition {
  name: string;
  description: string;
  priority?: number;
  conditions: Record<string, unknown>;
  event: { type: string; params: Record<string, unknown> };
}

/** A message template as written in templates.json. */
export interface TemplateDefinition {
  text: string;
  description: string;
  /** False for messages that must not end with the opt-out footer. Default: true. */
  footer?: boolean;
}

/** Checked rule files, compiled for use. */
export interface RuleBundle {
  /** sha256 (hex) of the rule files' content; see `hashRuleFiles`. */
  hash: string;
  /** The parsed files by name, as loaded. */
  files: Readonly<Record<string, unknown>>;
  /** Rules of each classifier file, by file name. */
  rules: ReadonlyMap<string, RuleDefinition[]>;
  lexicon: Lexicon;
  templates: Readonly<Record<string, TemplateDefinition>>;
}

/** Thrown by `loadRuleBundle` when the files have problems; `problems` lists them all. */
export class RuleBundleError extends Error {
  constructor(readonly problems: Problem[]) {
    const lines = problems.slice(0, 5).map((p) => `  ${p.message}`);
    const more = problems.length > 5 ? [`  ... and ${problems.length - 5} more`] : [];
    super([`rule files have ${problems.length} problem(s):`, ...lines, ...more].join('\n'));
    this.name = 'RuleBundleError';
  }
}

/**
 * Checks rule files (parsed JSON by file name, e.g. `{"triage.json": {...}}`) and compiles them.
 * Throws RuleBundleError listing every problem when a check fails.
 */
export function loadRuleBundle(files: Record<string, unknown>, schemas?: SchemaSet): RuleBundle {
  const problems = checkRuleFiles(files, schemas);
  if (problems.length > 0) throw new RuleBundleError(problems);

  const rules = new Map<string, RuleDefinition[]>();
  for (const file of CLASSIFIER_RULE_FILES) {
    rules.set(file, (files[file] as { rules: RuleDefinition[] }).rules);
  }

  const { $schema: _schema, ...templates } = files['templates.json'] as Record<string, unknown>;
  return {
    hash: hashRuleFiles(files),
    files,
    rules,
    lexicon: compileLexicon(files['phrases.json'] as PhraseFile),
    templates: templates as Record<string, TemplateDefinition>,
  };
}
