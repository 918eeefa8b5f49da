import { DateTime } from 'luxon';
import type { JobType } from '../../engine/types.ts';
import type { BookingRules } from './booking-settings.ts';
import { clockText, dateText, dayText, slotLabel } from './labels.ts';
import type { TimeWindow, VisitTiming } from './types.ts';

/** Reasons a requested time cannot be booked, for the text back. */

export type UnavailableReason = 'past' | 'holiday' | 'closed' | 'too_soon' | 'hours' | 'taken';

export interface UnavailableRequest {
  reason: UnavailableReason;
  /**
   * The requested time as the text names it: the weekday when closed ("Sunday"), the date for a
   * holiday ("Thursday, December 24"), else the time ("Monday at 2pm", "tomorrow from 12pm").
   */
  requested: string;
}

export interface RequestedTime {
  window: TimeWindow;
  /** The exact start requested, or null for a day or a part of a day. */
  start: string | null;
  jobType: JobType;
  timing: VisitTiming | null;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Explains why nothing is free in the requested window: past, closed that day, a holiday, inside
 * the lead time, outside the hours for a job that long, or else booked by other customers.
 */
export function explainUnavailable(
  rules: BookingRules,
  holidayOn: (day: DateTime) => string | null,
  request: RequestedTime,
  now: Date,
): UnavailableRequest {
  const localNow = DateTime.fromJSDate(now, { zone: rules.timezone });
  const from = DateTime.fromISO(request.window.from, { zone: rules.timezone });
  const to = DateTime.fromISO(request.window.to, { zone: rules.timezone });
  const start = request.start ? DateTime.fromISO(request.start, { zone: rules.timezone }) : null;
  const requested = describeRequest(from, to, start, localNow);

  if (to <= localNow || (start && start <= localNow)) return { reason: 'past', requested };
  if (holidayOn(from.startOf('day'))) return { reason: 'holiday', requested: dateText(from) };
  const ranges = rangesOn(rules, from, request.timing);
  if (ranges.length === 0) return { reason: 'closed', requested: from.toFormat('cccc') };

  const earliest = localNow.plus({ minutes: rules.leadTimeMinutes });
  if (start && start < earliest) return { reason: 'too_soon', requested };
  if (start && !fitsHours(ranges, start, rules.jobMinutes(request.jobType))) {
    return { reason: 'hours', requested };
  }
  if (!start && !overlapsHours(ranges, from, to)) return { reason: 'hours', requested };
  return { reason: 'taken', requested };
}

function describeRequest(
  from: DateTime,
  to: DateTime,
  start: DateTime | null,
  now: DateTime,
): string {
  if (start) return slotLabel(start, now);
  const day = dayText(from, now);
  if (from.equals(from.startOf('day')) && to.equals(from.plus({ days: 1 }))) return day;
  if (to.equals(from.startOf('day').plus({ days: 1 }))) return `${day} from ${clockText(from)}`;
  return `${day} between ${clockText(from)} and ${clockText(to)}`;
}

/** Lists every working-hours range on the day, across technicians, in minutes of the day. */
function rangesOn(rules: BookingRules, day: DateTime, timing: VisitTiming | null) {
  const weekday = WEEKDAYS[day.weekday - 1];
  const weeks =
    timing === 'after_hours' && rules.afterHours
      ? [rules.afterHours]
      : rules.technicians.map((technician) => rules.hoursOf(technician.id));
  return weeks.flatMap((week) =>
    (week[weekday] ?? []).map(([open, close]) => [minutesOf(open), minutesOf(close)]),
  );
}

function fitsHours(ranges: number[][], start: DateTime, jobMinutes: number): boolean {
  const minute = start.hour * 60 + start.minute;
  return ranges.some(([open, close]) => open <= minute && minute + jobMinutes <= close);
}

function overlapsHours(ranges: number[][], from: DateTime, to: DateTime): boolean {
  const first = from.hour * 60 + from.minute;
  const last = to.hasSame(from, 'day') ? to.hour * 60 + to.minute : 24 * 60;
  return ranges.some(([open, close]) => open < last && first < close);
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
