import type { VisitTiming } from './types.ts';

/** Short answers customers text to the booking questions: yes or no, timing, a bare "thanks". */

/** Matches any of the phrases as whole words; phrases may contain regular-expression parts. */
export const anyOf = (phrases: string[]) => new RegExp(`\\b(${phrases.join('|')})\\b`, 'u');

/** Matches any of the phrases at the start of the text. */
const startsWith = (phrases: string[]) => new RegExp(`^\\s*(${phrases.join('|')})\\b`, 'u');

// prettier-ignore
const AFTER_HOURS = anyOf([
  'after[- ]hours', 'after (we|they) close', 'after closing', 'evenings?', 'nights?', 'weekends?',
  'after \\d',
]);
// prettier-ignore
const BUSINESS_HOURS = anyOf([
  'business hours', 'during the day', 'daytime', 'normal hours', 'regular hours',
  "while (we'?re|we are) open", 'anytime', 'any time', 'mornings?', 'afternoons?',
]);
// prettier-ignore
const YES = startsWith([
  'yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'please', 'y', 'absolutely', 'definitely',
  'that would be (great|good)', 'sounds good',
]);
const NO = startsWith(['no', 'nope', 'nah', 'not now', 'no thanks']);
const THANKS =
  '(ok|okay|k|thanks|thank you|thx|ty|great|perfect|sounds good|cool|awesome|got it|will do)';
const AGAIN = '(thanks|thank you|thx)';
const PLEASANTRY = new RegExp(`^\\s*${THANKS}[\\s!.,]*${AGAIN}?[\\s!.👍🙏]*$`, 'u');

/** Reads a business customer's answer to "during business hours or after?". */
export function readTiming(lower: string): VisitTiming | null {
  if (AFTER_HOURS.test(lower)) return 'after_hours';
  if (BUSINESS_HOURS.test(lower)) return 'business_hours';
  return null;
}

/** Reads a yes or a no at the start of a reply. */
export function readYesNo(lower: string): 'yes' | 'no' | null {
  if (YES.test(lower)) return 'yes';
  if (NO.test(lower)) return 'no';
  return null;
}

/** True for a bare "ok, thanks" that needs no reply. */
export function isPleasantry(lower: string): boolean {
  return PLEASANTRY.test(lower);
}
