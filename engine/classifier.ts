/** Classifying customer texts with the rule bundle: one json-rules-engine run per message. */
import { Engine, type RuleResult } from 'json-rules-engine';

import type { RuleBundle, RuleDefinition } from './bundle.js';
import {
  chooseJobType,
  IMPLIED_ROUTINE,
  keywordOf,
  topEvent,
  winningUrgency,
  type FiredEvent,
} from './decide.js';
import {
  copyJson,
  describeConditions,
  describeFirstFailure,
  evaluateLeaf,
  operatorOf,
  placesOf,
  type RuleOutcome,
} from './explain.js';
import { computeFacts, type Facts } from './facts.js';
import { registerOperators } from './operators.js';
import type {
  ClassifyInput,
  ClassifyOptions,
  Decision,
  ExplainDetail,
  FiredRule,
  Intent,
  PropertyType,
  Urgency,
} from './types.js';

export interface Classifier {
  /**
   * Classifies one customer text; rejects when `text` is not a string. The decision's explain
   * is compact unless `options.explain` is `full`.
   */
  classify(input: ClassifyInput, options?: ClassifyOptions): Promise<Decision>;
}

export interface ClassifierOptions {
  /**
   * When true, json-rules-engine runs every rule for every message. By default it runs only the
   * rules that `mayPass` cannot rule out for the message, which gives the same decision, explain
   * included, in less time. Tests use `true` as the reference. Default: false.
   */
  runEveryRule?: boolean;
}

/** A rule of the classifier files, with its file and its place across the files. */
interface ListedRule {
  definition: RuleDefinition;
  file: string;
  order: number;
}

/** Builds a classifier that runs the rules of the keyword, triage and qualification files. */
export function createClassifier(
  bundle: RuleBundle,
  classifierOptions: ClassifierOptions = {},
): Classifier {
  const rules = listRules(bundle);
  const byName = new Map(rules.map((rule) => [rule.definition.name, rule]));
  const engines = new EngineCache();
  const everyRule = engines.engineFor(rules);

  async function classify(input: ClassifyInput, options: ClassifyOptions = {}): Promise<Decision> {
    if (typeof input?.text !== 'string') {
      throw new TypeError('classify: input.text must be a string');
    }
    const detail = options.explain ?? 'compact';
    if (detail !== 'compact' && detail !== 'full') {
      throw new TypeError(`classify: options.explain must be 'compact' or 'full', got '${detail}'`);
    }
    const facts = computeFacts(input.text, input.afterHours ?? false, bundle.lexicon);

    const candidates = classifierOptions.runEveryRule
      ? rules
      : rules.filter((rule) => mayPass(rule.definition.conditions, facts, everyRule));
    const { results, failureResults } =
      candidates.length > 0 ? await engines.engineFor(candidates).run(facts) : NO_RESULTS;
    const skipped = candidates.length < rules.length ? skippedResults(rules, candidates) : [];

    const fired = results.map((result) => firedEvent(result, facts));
    const explain = [...results, ...failureResults, ...skipped]
      .map((result) => explainRule(result, facts, everyRule, byName, detail))
      .sort((a, b) => (byName.get(a.name)?.order ?? 0) - (byName.get(b.name)?.order ?? 0));

    return {
      ...decide(fired),
      zip: facts.zip,
      rules: results.map((result) => result.name),
      rulesHash: bundle.hash,
      explain,
    };
  }

  return { classify };
}

const NO_RESULTS = { results: [] as RuleResult[], failureResults: [] as RuleResult[] };

function listRules(bundle: RuleBundle): ListedRule[] {
  const rules: ListedRule[] = [];
  for (const [file, definitions] of bundle.rules) {
    for (const definition of definitions) rules.push({ definition, file, order: rules.length });
  }
  return rules;
}

/** Builds a json-rules-engine engine with the given rules and the custom operators. */
function buildEngine(rules: ListedRule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  registerOperators(engine);
  for (const { definition } of rules) {
    engine.addRule({
      name: definition.name,
      priority: definition.priority ?? 1,
      conditions: definition.conditions as never,
      event: definition.event,
    });
  }
  return engine;
}

/** How many engines, each for one set of candidate rules, the classifier keeps. */
const MAX_CACHED_ENGINES = 256;

/**
 * Engines by the set of rules they run, least recently used first. json-rules-engine runs the
 * rules of one priority in parallel and lists them as they finish. Each rule takes the same
 * promise steps whichever other rules run, so an engine with fewer rules lists the rest in the
 * same order. test/engine/rule-skipping.test.ts compares the decisions of both ways.
 */
class EngineCache {
  private readonly engines = new Map<string, Engine>();

  engineFor(candidates: ListedRule[]): Engine {
    const key = candidates.map((rule) => rule.order).join(' ');
    let engine = this.engines.get(key);
    if (engine) {
      this.engines.delete(key);
    } else {
      engine = buildEngine(candidates);
      if (this.engines.size >= MAX_CACHED_ENGINES) {
        this.engines.delete(this.engines.keys().next().value as string);
      }
    }
    this.engines.set(key, engine);
    return engine;
  }
}

/**
 * Returns false when a condition cannot pass for these facts, and true when it may. A leaf
 * that tests a fact's value with a registered operator is evaluated as json-rules-engine would
 * evaluate it. Anything else may pass: a `not`, a condition reference, an unknown fact or
 * operator, a fact with `path` or `params`, and a value that refers to another fact.
 */
export function mayPass(condition: unknown, facts: Facts, engine: Engine): boolean {
  if (!isObject(condition)) return true;
  if (Array.isArray(condition.all)) {
    return condition.all.every((child) => mayPass(child, facts, engine));
  }
  if (Array.isArray(condition.any)) {
    // json-rules-engine 7 passes an empty `any`, as it passes an empty `all`.
    return (
      condition.any.length === 0 || condition.any.some((child) => mayPass(child, facts, engine))
    );
  }
  if (!isPlainLeaf(condition, facts, engine)) return true;
  const leaf = { operator: condition.operator as string, value: condition.value };
  return evaluateLeaf(engine, leaf, facts[condition.fact as keyof Facts]);
}

function isPlainLeaf(condition: Record<string, unknown>, facts: Facts, engine: Engine): boolean {
  if (typeof condition.fact !== 'string' || !Object.hasOwn(facts, condition.fact)) return false;
  if (typeof condition.operator !== 'string' || !operatorOf(engine, condition.operator)) {
    return false;
  }
  if (condition.path !== undefined || condition.params !== undefined) return false;
  return !(isObject(condition.value) && Object.hasOwn(condition.value, 'fact'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stand-ins for the rules the engine did not run: each failed, with the rule's conditions. */
function skippedResults(rules: ListedRule[], candidates: ListedRule[]): RuleOutcome[] {
  const ran = new Set(candidates);
  return rules
    .filter((rule) => !ran.has(rule))
    .map(({ definition }) => ({
      name: definition.name,
      result: false,
      event: definition.event,
      conditions: definition.conditions,
    }));
}

function firedEvent(result: RuleResult, facts: Facts): FiredEvent {
  return {
    rule: result.name,
    type: result.event?.type ?? '',
    params: result.event?.params ?? {},
    priority: result.priority ?? 1,
    places: placesOf(result, facts.message),
  };
}

function decide(fired: FiredEvent[]) {
  const keywordEvent = topEvent(fired, 'keyword');
  const urgencyEvent = winningUrgency(fired);
  const jobType = chooseJobType(fired, urgencyEvent);

  let urgency: Urgency = 'none';
  let reply: { template: string | null; branch: string | null } = { template: null, branch: null };
  if (urgencyEvent) {
    urgency = urgencyEvent.params.urgency as Urgency;
    reply = replyOf(urgencyEvent);
  } else if (jobType !== null) {
    urgency = 'routine';
    reply = { ...IMPLIED_ROUTINE };
  }
  if (keywordEvent) reply = replyOf(keywordEvent);

  return {
    urgency,
    jobType,
    keyword: keywordOf(keywordEvent),
    propertyType: (topEvent(fired, 'propertyType')?.params.propertyType ??
      'unknown') as PropertyType,
    intent: (topEvent(fired, 'intent')?.params.intent ?? 'unknown') as Intent,
    ...reply,
  };
}

function replyOf(event: FiredEvent) {
  return {
    template: (event.params.template as string | null | undefined) ?? null,
    branch: (event.params.branch as string | null | undefined) ?? null,
  };
}

function explainRule(
  result: RuleOutcome,
  facts: Facts,
  engine: Engine,
  byName: Map<string, ListedRule>,
  detail: ExplainDetail,
): FiredRule {
  const name = result.name;
  const file = byName.get(name)?.file ?? '';
  if (result.result !== true && detail === 'compact') {
    return { name, file, result: false, conditions: describeFirstFailure(result, facts, engine) };
  }
  return {
    name,
    file,
    result: result.result === true,
    event: { type: result.event?.type ?? '', params: copyJson(result.event?.params ?? {}) },
    conditions: describeConditions(result, facts, engine),
  };
}
