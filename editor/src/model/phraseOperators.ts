import { listNamesIn } from '../../../engine/message.js';
import { CUSTOM_OPERATORS } from '../../../engine/operators.js';

/** Help text for each key of a phrase condition's object value. Every key names phrase lists. */
export const SPEC_PART_HELP: Record<string, string> = {
  phrases: 'Phrase lists, any of which must appear',
  with: 'Only in a sentence that also has one of',
  unless: 'Not in a sentence that has one of',
  ignoring: 'Ignoring filler from',
};

/**
 * The parts of each operator whose value names phrase lists, found by asking the engine's
 * `listNamesIn` (the function `ringback rules check` uses) which keys of a value it reads. An
 * operator the engine adds is therefore edited as phrase lists without a change here.
 * NOTE: a part key missing from SPEC_PART_HELP is not found; add its help text there.
 */
const PHRASE_SPEC_PARTS: ReadonlyMap<string, readonly string[]> = new Map(
  CUSTOM_OPERATORS.map((operator) => [operator, partsReadBy(operator)] as const).filter(
    ([, parts]) => parts.length > 0,
  ),
);

function partsReadBy(operator: string): string[] {
  const probe = Object.fromEntries(Object.keys(SPEC_PART_HELP).map((part) => [part, part]));
  const read = new Set(listNamesIn(operator, probe));
  return Object.keys(SPEC_PART_HELP).filter((part) => read.has(part));
}

/** Returns an operator without its `not:` style decorators, as the engine matches it. */
export function baseOperatorOf(operator: unknown): string {
  return typeof operator === 'string' ? (operator.split(':').pop() ?? '') : '';
}

/** Returns true when the operator's value names phrase lists of phrases.json. */
export function isPhraseOperator(operator: unknown): boolean {
  return PHRASE_SPEC_PARTS.has(baseOperatorOf(operator));
}

/** Returns the keys of a phrase operator's value, such as `phrases` and `unless`. */
export function phraseSpecParts(operator: unknown): readonly string[] {
  return PHRASE_SPEC_PARTS.get(baseOperatorOf(operator)) ?? [];
}

/** Returns the phrase lists a condition's value names, or none for other operators. */
export function phraseListsOf(operator: unknown, value: unknown): string[] {
  if (!isPhraseOperator(operator)) return [];
  // The engine's reader expects a name, a list or an object, and other values name no list.
  const readable = typeof value === 'string' || (typeof value === 'object' && value !== null);
  if (!readable) return [];
  const names: unknown[] = listNamesIn(baseOperatorOf(operator), value);
  return names.filter((name): name is string => typeof name === 'string');
}
