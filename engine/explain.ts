/**
 * Turns json-rules-engine rule results into explanations: leaf conditions with the fact,
 * operator, expected value, the value the fact had and the outcome.
 */
import type { Engine } from 'json-rules-engine';

import type { Facts } from './facts.js';
import type { Place } from './decide.js';
import { Message, type ExactSpec, type MentionSpec } from './message.js';
import type { ConditionOutcome } from './types.js';

interface LeafResult {
  fact: string;
  operator: string;
  value: unknown;
  result?: boolean;
  factResult?: unknown;
}

type ConditionNode = Record<string, unknown>;

/**
 * The fields of a json-rules-engine rule result that explanations read. For a rule the engine
 * did not run, the conditions are the rule definition's, with no outcomes recorded.
 */
export interface RuleOutcome {
  name: string;
  result: boolean | null;
  event?: { type: string; params?: Record<string, unknown> };
  conditions: unknown;
}

/** A leaf condition, and whether an odd number of `not` wrappers invert it. */
interface PlacedLeaf {
  leaf: LeafResult;
  inverted: boolean;
}

/** Lists every leaf condition of a rule result, in rule order. */
export function leafConditions(result: RuleOutcome): LeafResult[] {
  return placedLeaves(result).map((placed) => placed.leaf);
}

function placedLeaves(result: RuleOutcome): PlacedLeaf[] {
  const leaves: PlacedLeaf[] = [];
  collectLeaves(result.conditions as unknown as ConditionNode, false, leaves);
  return leaves;
}

function collectLeaves(node: ConditionNode, inverted: boolean, leaves: PlacedLeaf[]): void {
  for (const key of ['all', 'any'] as const) {
    const children = node[key];
    if (!Array.isArray(children)) continue;
    for (const child of children) collectLeaves(child as ConditionNode, inverted, leaves);
  }
  if (node.not) collectLeaves(node.not as ConditionNode, !inverted, leaves);
  if (typeof node.fact === 'string') {
    leaves.push({ leaf: node as unknown as LeafResult, inverted });
  }
}

/**
 * Describes each leaf condition. A condition json-rules-engine skipped (a lower-priority one in
 * a set that had already failed) is evaluated here, so every condition has an outcome.
 */
export function describeConditions(
  result: RuleOutcome,
  facts: Facts,
  engine: Engine,
): ConditionOutcome[] {
  return leafConditions(result).map((leaf) => describeLeaf(leaf, facts, engine));
}

/**
 * Describes the first leaf condition, in rule order, that counts against the rule: one that is
 * false, or true inside a `not`. Returns an empty list when no leaf does, as for an empty `any`.
 * Leaves after that one are not evaluated.
 */
export function describeFirstFailure(
  result: RuleOutcome,
  facts: Facts,
  engine: Engine,
): ConditionOutcome[] {
  for (const { leaf, inverted } of placedLeaves(result)) {
    const described = describeLeaf(leaf, facts, engine);
    if (described.result === inverted) return [described];
  }
  return [];
}

function describeLeaf(leaf: LeafResult, facts: Facts, engine: Engine): ConditionOutcome {
  const factValue = leaf.factResult ?? facts[leaf.fact as keyof Facts];
  const outcome = leaf.result ?? evaluateLeaf(engine, leaf, factValue);
  const described: ConditionOutcome = {
    fact: leaf.fact,
    operator: leaf.operator,
    expected: copyJson(leaf.value),
    saw: factValue instanceof Message ? factValue.toJSON() : factValue,
    result: outcome,
  };
  if (outcome && factValue instanceof Message) {
    const matched = matchedPhrases(factValue, leaf.operator, leaf.value);
    if (matched.length > 0) described.matched = matched;
  }
  return described;
}

/** Evaluates a leaf condition with the engine's operator, as json-rules-engine does. */
export function evaluateLeaf(
  engine: Engine,
  leaf: { operator: string; value: unknown },
  factValue: unknown,
): boolean {
  const operator = operatorOf(engine, leaf.operator);
  return operator ? operator.evaluate(factValue, leaf.value) : false;
}

/** Returns the engine's operator of that name, `not:mentions` included, or undefined. */
export function operatorOf(engine: Engine, name: string) {
  const operators = (engine as unknown as { operators: { get(name: string): unknown } }).operators;
  return operators.get(name) as
    { evaluate(factValue: unknown, value: unknown): boolean } | undefined;
}

/** Returns the message words a phrase operator matched, for people reading a decision. */
function matchedPhrases(message: Message, operator: string, value: unknown): string[] {
  const base = operator.split(':').pop();
  if (base === 'mentions') {
    return unique(message.mentions(value as MentionSpec).map((match) => message.wordsOf(match)));
  }
  if (base === 'isExactly' || base === 'opensWith') {
    const phrase =
      base === 'isExactly'
        ? message.isExactly(value as ExactSpec)
        : message.opensWith(value as ExactSpec);
    return phrase === null ? [] : [phrase];
  }
  return [];
}

/** Returns where a rule's passing phrase conditions matched, which is where its problem is. */
export function placesOf(result: RuleOutcome, message: Message): Place[] {
  const places: Place[] = [];
  for (const leaf of leafConditions(result)) {
    if (leaf.result !== true || leaf.fact !== 'message') continue;
    if (leaf.operator === 'mentions') {
      for (const match of message.mentions(leaf.value as MentionSpec)) places.push(match);
    } else if (leaf.operator === 'opensWith') {
      places.push({ clause: 0, sentence: 0 });
    } else if (leaf.operator === 'isExactly') {
      message.normalised.clauses.forEach((clause, index) => {
        places.push({ clause: index, sentence: clause.sentence });
      });
    }
  }
  return places;
}

/**
 * Copies a JSON value, so each decision owns its explain: the engine's results are copies, and
 * a rule the engine did not run is described from the shared rule definition.
 */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyJson(item);
  return copy as T;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
