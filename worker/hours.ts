import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { BusinessSettings, TimeRange, Weekday } from './settings.ts';

export type Period = 'open' | 'after_hours' | 'holiday';

export interface PeriodAt {
  period: Period;
  /** Local time in the business's zone, ISO 8601 with offset. */
  localTime: string;
  holiday: string | null;
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const holidayCalendars = new Map<string, Holidays>();

function calendar(code: string): Holidays {
  let holidays = holidayCalendars.get(code);
  if (!holidays) {
    const [country, state] = code.split('-');
    holidays = new Holidays(country, state, { types: ['public'] });
    holidayCalendars.set(code, holidays);
  }
  return holidays;
}

/** Returns the holiday's name when the local date is a configured date or a public holiday. */
export function holidayOn(settings: BusinessSettings, local: DateTime): string | null {
  const isoDate = local.toISODate();
  if (isoDate && settings.holidays?.dates?.includes(isoDate)) return 'company holiday';

  for (const code of settings.holidays?.calendars ?? []) {
    // date-holidays reads a date string in the calendar's own zone, unlike a Date object.
    const found = calendar(code).isHoliday(`${isoDate} 12:00:00`);
    if (found) return found.map((holiday) => holiday.name).join(', ');
  }
  return null;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function isWithinHours(ranges: TimeRange[] | undefined, local: DateTime): boolean {
  const minute = local.hour * 60 + local.minute;
  return (ranges ?? []).some(
    ([open, close]) => minute >= minutesOf(open) && minute < minutesOf(close),
  );
}

/** Decides open hours, after hours or holiday for a moment, in the business's time zone. */
export function periodAt(settings: BusinessSettings, at: Date): PeriodAt {
  if (Number.isNaN(at.getTime())) throw new RangeError('periodAt: the time is an invalid date');
  const local = DateTime.fromJSDate(at, { zone: settings.company.timezone });
  if (!local.isValid)
    throw new Error(`company.timezone: '${settings.company.timezone}' is not a valid IANA zone`);

  const localTime = local.toISO() ?? at.toISOString();
  const holiday = holidayOn(settings, local);
  if (holiday) return { period: 'holiday', localTime, holiday };

  const weekday = WEEKDAYS[local.weekday - 1];
  const open = isWithinHours(settings.hours[weekday], local);
  return { period: open ? 'open' : 'after_hours', localTime, holiday: null };
}

function clock(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  const suffix = hours >= 12 && hours < 24 ? 'pm' : 'am';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0
    ? `${hour12}${suffix}`
    : `${hour12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** Formats open hours for customers, e.g. "Mon-Fri 7am-6pm, Sat 8am-2pm". */
export function hoursText(settings: BusinessSettings): string {
  const groups: { first: Weekday; last: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = settings.hours[day] ?? [];
    if (ranges.length === 0) continue;
    const text = ranges.map(([open, close]) => `${clock(open)}-${clock(close)}`).join(', ');
    const previous = groups.at(-1);
    const adjacent = previous && WEEKDAYS.indexOf(previous.last) === WEEKDAYS.indexOf(day) - 1;
    if (previous && adjacent && previous.text === text) previous.last = day;
    else groups.push({ first: day, last: day, text });
  }
  const name = (day: Weekday) => day[0].toUpperCase() + day.slice(1);
  return groups
    .map((group) => {
      const days =
        group.first === group.last ? name(group.first) : `${name(group.first)}-${name(group.last)}`;
      return `${days} ${group.text}`;
    })
    .join(', ');
}
