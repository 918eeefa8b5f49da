import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { anyOf } from './reply-words.ts';
import type { SlotChoice, SlotOffer, TimeWindow } from './types.ts';

/**
 * Reads a customer's reply to offered times: "the first one", "2", "Thursday works", "2pm",
 * "tomorrow morning", "neither". Dates are read in the business's zone, relative to the moment
 * the times were offered, so "tomorrow" means the day after the offer.
 */

const ORDINALS: [RegExp, (count: number) => number][] = [
  [/\b(first|1st|earlier|earliest|sooner|soonest)\b(?! thing)/u, () => 0],
  [/\b(second|2nd)\b/u, () => 1],
  [/\b(third|3rd)\b/u, () => 2],
  [/\b(last|later|latter) one\b|\bthe (last|latter)\b/u, (count) => count - 1],
];
const BARE_NUMBER = new RegExp(
  String.raw`^\s*(?:#|option|number|no\.?)?\s*([1-3])\s*` +
    String.raw`(?:please|pls|works|is good|is fine|thanks|thank you)?[\s.!]*$`,
  'u',
);
const YES = /^\s*(yes|yeah|yep|yup|sure|ok|okay|sounds good|perfect|great|that works)\b/u;
const ANY = anyOf(['either', 'any', 'anytime', 'whichever', 'both']);
// prettier-ignore
const NEITHER = anyOf([
  'neither', 'none', 'nope', 'no', 'not', "don'?t", "doesn'?t", "can'?t", 'cannot', "won'?t",
  'busy', 'other (times?|options?|days?)', 'something else', 'anything else',
  'different (time|day)',
]);

const ORDINAL_ONLY = /^(the )?(first|second|third|1st|2nd|3rd)( one)?$/u;
/** "after 12", "before 3pm": a bound on the time of day, not a time to book. */
const TIME_BOUND = /\b(after|from|later than|before|by|earlier than)\s+(?:about |around )?\d/u;

/** Words that turn a refusal into a request: "no, Friday would be better". */
// prettier-ignore
const PREFERENCE = anyOf([
  'better', 'instead', 'prefer', 'rather', 'how about', 'what about', 'can you do', 'do you have',
  "(?<!n't |not )works?", 'would work', "(is|'s) (fine|good|ok|okay)",
]);

/** Hours of the day each part covers, [from, to). */
const PARTS_OF_DAY: [RegExp, number, number][] = [
  [/\bmorning\b/u, 6, 12],
  [/\b(afternoon|after lunch)\b/u, 12, 17],
  [/\b(evening|tonight|after work)\b/u, 17, 22],
];

interface RequestedTime {
  day: DateTime | null;
  /** The hour read, 0-23; with no am or pm, the likelier reading first, then the other. */
  hours: number[];
  minute: number;
  part: [number, number] | null;
  /** True when the day and the hour are both certain, so the time can be booked without asking. */
  exact: boolean;
  /** Set for "after 12" or "before 3pm": the hour starts or ends a window. */
  bound: 'after' | 'before' | null;
}

export interface SlotReplyOptions {
  /** True when a job can start at this hour, on the day or (day null) on any day. */
  isBookableHour?: (day: DateTime | null, hour: number) => boolean;
}

/** Decides which offered time a reply picks, or which other time it requests. */
export function readSlotReply(
  text: string,
  offer: SlotOffer,
  options: SlotReplyOptions = {},
): SlotChoice {
  const lower = text.toLowerCase();
  const offeredAt = DateTime.fromISO(offer.offeredAt, { zone: offer.timezone });
  // chrono reads "the second" as a date; here it is the second offered time.
  const parsed = chrono
    .parse(
      text,
      { instant: offeredAt.toJSDate(), timezone: offeredAt.offset },
      { forwardDate: true },
    )
    .filter((result) => !ORDINAL_ONLY.test(result.text.toLowerCase()));
  const explicitDate = parsed.some((result) => result.start.isCertain('month'));

  if (!explicitDate) {
    const ordinal = readOrdinal(lower, offer.slots.length);
    if (ordinal !== null) return { kind: 'chosen', index: ordinal };
  }

  const negated = NEITHER.test(lower.replace(/\bno(t)? (later|earlier) than\b/gu, ''));
  // "Thursday doesn't work" turns the day down. "no, Friday is better" and "not today, tomorrow
  // at 10am?" request the last time named, because the refusal comes before it.
  const refusesEarlierTime = negated && refusalPrecedesLast(lower, parsed);
  if (negated && parsed.length > 0 && !PREFERENCE.test(lower) && !refusesEarlierTime) {
    return { kind: 'none' };
  }
  const requested = readRequestedTime(
    lower,
    negated ? parsed.slice(-1) : parsed,
    offeredAt,
    options,
  );
  if (!requested) {
    if (negated) return { kind: 'none' };
    if (ANY.test(lower)) return { kind: 'chosen', index: 0 };
    if (offer.slots.length === 1 && YES.test(lower)) return { kind: 'chosen', index: 0 };
    return { kind: 'unclear' };
  }

  const starts = offer.slots.map((slot) => DateTime.fromISO(slot.start, { zone: offer.timezone }));
  // Several offered times can fit "Thursday" or "2pm": the earliest is taken, and the
  // confirmation text names the day and time, so the customer can correct it.
  const index = starts.findIndex((start) => fits(start, requested));
  if (index >= 0) return { kind: 'chosen', index };

  const window = windowFor(requested, offeredAt);
  const start = requested.exact && !requested.bound ? window.from : null;
  return { kind: 'window', window, wording: text.trim(), start };
}

function readOrdinal(lower: string, count: number): number | null {
  const bare = BARE_NUMBER.exec(lower);
  if (bare) return Number(bare[1]) <= count ? Number(bare[1]) - 1 : null;
  for (const [pattern, indexOf] of ORDINALS) {
    if (pattern.test(lower)) {
      const index = indexOf(count);
      return index < count ? index : null;
    }
  }
  return null;
}

/** True when a refusal ("not", "can't") comes before the last of several times named. */
function refusalPrecedesLast(lower: string, parsed: chrono.ParsedResult[]): boolean {
  const last = parsed.at(-1);
  if (!last || parsed.length < 2) return false;
  const before = lower.slice(0, last.index);
  const after = lower.slice(last.index + last.text.length);
  return NEITHER.test(before) && !NEITHER.test(after);
}

function readRequestedTime(
  lower: string,
  parsed: chrono.ParsedResult[],
  offeredAt: DateTime,
  options: SlotReplyOptions,
): RequestedTime | null {
  const part = PARTS_OF_DAY.find(([pattern]) => pattern.test(lower));
  const result = parsed[0];
  if (!result && !part) return null;

  const requested: RequestedTime = {
    day: null,
    hours: [],
    minute: 0,
    part: part ? [part[1], part[2]] : null,
    exact: false,
    bound: null,
  };
  if (!result) return requested;

  // chrono can read "tomorrow around 12:30" as two results: the day, then the time.
  const timed = parsed.find((candidate) => candidate.start.isCertain('hour'));
  const start = result.start.isCertain('hour') || !timed ? result.start : timed.start;
  const dated = result.start;
  if (dated.isCertain('day') || dated.isCertain('weekday')) {
    requested.day = readDay(dated, offeredAt, start);
  }
  if (start.isCertain('hour')) {
    const meridiemGiven = start.isCertain('meridiem') || start.get('hour')! > 12;
    const { hours, certain } = readHours(start.get('hour')!, meridiemGiven, requested.day, options);
    requested.hours = hours;
    requested.minute = start.get('minute') ?? 0;
    requested.exact = requested.day !== null && certain;
    const bound = TIME_BOUND.exec(lower)?.[1];
    if (bound)
      requested.bound = ['before', 'by', 'earlier than'].includes(bound) ? 'before' : 'after';
  }
  return requested.day || requested.hours.length > 0 || requested.part ? requested : null;
}

/**
 * Returns the local day a result names. A weekday named on that weekday ("Friday at 4:30" sent on a
 * Friday) is today while that time is still ahead, else next week, whichever chrono chose.
 */
function readDay(
  dated: chrono.ParsedComponents,
  offeredAt: DateTime,
  timed: chrono.ParsedComponents,
): DateTime {
  const day = DateTime.fromObject(
    { year: dated.get('year')!, month: dated.get('month')!, day: dated.get('day')! },
    { zone: offeredAt.zoneName ?? undefined },
  );
  const weekdayOnly = dated.isCertain('weekday') && !dated.isCertain('day');
  const today = offeredAt.startOf('day');
  if (!weekdayOnly || day.weekday !== offeredAt.weekday) return day;
  if (!timed.isCertain('hour')) return today;
  const hour = timed.get('hour')!;
  const latest = today.set({
    hour: hour < 12 && !timed.isCertain('meridiem') ? hour + 12 : hour,
    minute: timed.get('minute') ?? 0,
  });
  return latest > offeredAt ? today : today.plus({ days: 7 });
}

/**
 * Reads an hour with no am or pm as the reading that falls within bookable hours ("Monday at 7"
 * is 7pm for after-hours work from 6 to 9pm). When both or neither fall within them, 1 to 6 is
 * afternoon and 7 to 12 is as written, and the time is not certain enough to book unasked.
 */
function readHours(
  hour: number,
  meridiemGiven: boolean,
  day: DateTime | null,
  options: SlotReplyOptions,
): { hours: number[]; certain: boolean } {
  if (meridiemGiven) return { hours: [hour], certain: true };
  const morning = hour % 12;
  const afternoon = morning + 12;
  const bookable = [morning, afternoon].filter((reading) => options.isBookableHour?.(day, reading));
  if (bookable.length === 1) return { hours: bookable, certain: true };
  // "Thursday at 2" means 2pm, because routine visits are not booked at 2 in the morning.
  const likelier = hour >= 1 && hour <= 6 ? afternoon : hour;
  const other = likelier === afternoon ? morning : afternoon;
  return { hours: [likelier, other], certain: false };
}

function fits(start: DateTime, requested: RequestedTime): boolean {
  if (requested.day && !start.hasSame(requested.day, 'day')) return false;
  const minuteOfDay = start.hour * 60 + start.minute;
  const atHour = (hour: number) => {
    const requestedMinute = hour * 60 + requested.minute;
    if (requested.bound === 'after') return minuteOfDay >= requestedMinute;
    if (requested.bound === 'before') return minuteOfDay < requestedMinute;
    return minuteOfDay === requestedMinute;
  };
  if (requested.hours.length > 0 && !requested.hours.some(atHour)) return false;
  if (requested.part && (start.hour < requested.part[0] || start.hour >= requested.part[1]))
    return false;
  return true;
}

/** Returns the stretch of time a reply requests when no offered time fits it. */
function windowFor(requested: RequestedTime, offeredAt: DateTime): TimeWindow {
  let day = requested.day ?? offeredAt.startOf('day');
  let from = day;
  let to = day.plus({ days: 1 });
  if (requested.hours.length > 0) {
    from = day.set({ hour: requested.hours[0], minute: requested.minute });
    if (!requested.day && from < offeredAt) from = from.plus({ days: 1 });
    to = from.plus({ hours: 1 });
    if (requested.bound === 'after') to = from.startOf('day').plus({ days: 1 });
    if (requested.bound === 'before') [from, to] = [from.startOf('day'), from];
  } else if (requested.part) {
    from = day.set({ hour: requested.part[0] });
    to = day.set({ hour: requested.part[1] });
    if (!requested.day && to <= offeredAt) {
      day = day.plus({ days: 1 });
      from = from.plus({ days: 1 });
      to = to.plus({ days: 1 });
    }
  }
  return { from: toIso(from), to: toIso(to) };
}

function toIso(time: DateTime): string {
  return time.toISO() ?? time.toUTC().toString();
}
