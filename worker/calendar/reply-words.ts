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

// Read from any text, so narrower than the answers to the timing question: "it started this
// morning" states no timing, but "after hours please, we close at 10" does.
// prettier-ignore
const STATED_AFTER_HOURS = anyOf([
  'after[- ]hours', 'after (we|they) close', 'after closing', "once (we'?re|we are) closed",
]);
// prettier-ignore
const STATED_BUSINESS_HOURS = anyOf([
  'during (our |the )?business hours', 'during opening hours', "while (we'?re|we are) open",
]);
/** Another plumber's finding or quote: "another plumber said the main line needs replacing". */
const OTHER_PLUMBER_ACCOUNT = new RegExp(
  String.raw`\b(plumbers?|company|guy|contractor|he|she|they)\b[^.?!]{0,30}?` +
    String.raw`\b(said|says|told|quoted|recommended|recommends|diagnosed|found|thinks)\b`,
  'u',
);

/** Reads a timing a business customer states unasked, in any text. */
export function readStatedTiming(lower: string): VisitTiming | null {
  if (STATED_AFTER_HOURS.test(lower)) return 'after_hours';
  if (STATED_BUSINESS_HOURS.test(lower)) return 'business_hours';
  return null;
}

/** True when a text reports what another plumber found or quoted. */
export function reportsOtherPlumber(lower: string): boolean {
  return OTHER_PLUMBER_ACCOUNT.test(lower);
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
