/** Classifying customer texts with the rule bundle: one json-rules-engine run per message. */
import { Engine, type RuleResult } from 'json-rules-engine';

import type { RuleBundle } from './bundle.js';
import {
  chooseJobType,
  IMPLIED_ROUTINE,
  keywordOf,
  topEvent,
  winningUrgency,
  type FiredEvent,
} from './decide.js';
import { describeConditions, describeFirstFailure, placesOf } from './explain.js';
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

/** Builds a classifier that runs every rule of the keyword, triage and qualification files. */
export function createClassifier(bundle: RuleBundle): Classifier {
  const { engine, fileOfRule, ruleOrder } = buildEngine(bundle);

  async function classify(input: ClassifyInput, options: ClassifyOptions = {}): Promise<Decision> {
    if (typeof input?.text !== 'string') {
      throw new TypeError('classify: input.text must be a string');
    }
    const detail = options.explain ?? 'compact';
    if (detail !== 'compact' && detail !== 'full') {
      throw new TypeError(`classify: options.explain must be 'compact' or 'full', got '${detail}'`);
    }
    const facts = computeFacts(input.text, input.afterHours ?? false, bundle.lexicon);
    const { results, failureResults } = await engine.run(facts);

    const fired = results.map((result) => firedEvent(result, facts));
    const explain = [...results, ...failureResults]
      .map((result) => explainRule(result, facts, engine, fileOfRule, detail))
      .sort((a, b) => (ruleOrder.get(a.name) ?? 0) - (ruleOrder.get(b.name) ?? 0));

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

/** Builds the json-rules-engine engine, noting each rule's file and its place in the files. */
function buildEngine(bundle: RuleBundle) {
  const engine = new Engine([], { allowUndefinedFacts: false });
  registerOperators(engine);

  const fileOfRule = new Map<string, string>();
  const ruleOrder = new Map<string, number>();
  for (const [file, rules] of bundle.rules) {
    for (const rule of rules) {
      engine.addRule({
        name: rule.name,
        priority: rule.priority ?? 1,
        conditions: rule.conditions as never,
        event: rule.event,
      });
      fileOfRule.set(rule.name, file);
      ruleOrder.set(rule.name, ruleOrder.size);
    }
  }
  return { engine, fileOfRule, ruleOrder };
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
  result: RuleResult,
  facts: Facts,
  engine: Engine,
  fileOfRule: Map<string, string>,
  detail: ExplainDetail,
): FiredRule {
  const name = result.name;
  const file = fileOfRule.get(name) ?? '';
  if (result.result !== true && detail === 'compact') {
    return { name, file, result: false, conditions: describeFirstFailure(result, facts, engine) };
  }
  return {
    name,
    file,
    result: result.result === true,
    event: { type: result.event?.type ?? '', params: result.event?.params ?? {} },
    conditions: describeConditions(result, facts, engine),
  };
}
