/**
 * The custom operators rule files use, registered with json-rules-engine next to its own.
 *
 * - `mentions`: the message contains a phrase of the named lists, not negated (`no leak`), with
 *   optional `with` / `unless` lists checked in the same sentence.
 *   `{"fact": "message", "operator": "mentions", "value": "gasSmell"}`
 * - `isExactly`: the whole message is one phrase of the named lists, optionally ignoring filler.
 *   `{"fact": "message", "operator": "isExactly", "value": {"phrases": "helpWords"}}`
 * - `opensWith`: the message's first clause is one phrase of the named lists, as in
 *   "STOP. We found someone else". The value is the same as for `isExactly`.
 */
import { Operator, type Engine } from 'json-rules-engine';

import { Message, type ExactSpec, type MentionSpec } from './message.js';

export const CUSTOM_OPERATORS = ['mentions', 'isExactly', 'opensWith'] as const;

/** The operators json-rules-engine 7 registers by default. */
// prettier-ignore
export const BUILT_IN_OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const;

/** Operator decorators json-rules-engine 7 registers by default, written `not:mentions`. */
// prettier-ignore
export const BUILT_IN_DECORATORS = [
  'not', 'swap', 'someFact', 'someValue', 'everyFact', 'everyValue',
] as readonly string[];

/** Returns true when an operator, with any `decorator:` prefixes, is registered by default. */
export function isKnownOperator(name: string): boolean {
  const parts = name.split(':');
  const base = parts.pop() ?? '';
  const operators: readonly string[] = [...BUILT_IN_OPERATORS, ...CUSTOM_OPERATORS];
  return operators.includes(base) && parts.every((part) => BUILT_IN_DECORATORS.includes(part));
}

const isMessage = (value: unknown): boolean => value instanceof Message;

/** Adds the custom operators to an engine. */
export function registerOperators(engine: Engine): void {
  engine.addOperator(
    new Operator<Message, MentionSpec>(
      'mentions',
      (message, spec) => message.mentions(spec).length > 0,
      isMessage,
    ),
  );
  engine.addOperator(
    new Operator<Message, ExactSpec>(
      'isExactly',
      (message, spec) => message.isExactly(spec) !== null,
      isMessage,
    ),
  );
  engine.addOperator(
    new Operator<Message, ExactSpec>(
      'opensWith',
      (message, spec) => message.opensWith(spec) !== null,
      isMessage,
    ),
  );
}
