import { DateTime } from 'luxon';

/** Formatting of times in texts to customers, in the business's time zone. */

/** Formats the clock time, e.g. "2pm" or "9:30am". */
export function clockText(time: DateTime): string {
  const suffix = time.hour < 12 ? 'am' : 'pm';
  const hour = time.hour % 12 === 0 ? 12 : time.hour % 12;
  return time.minute === 0
    ? `${hour}${suffix}`
    : `${hour}:${String(time.minute).padStart(2, '0')}${suffix}`;
}

/** Formats the day relative to now: "today", "tomorrow", "Thursday", later "Thu Dec 17". */
export function dayText(time: DateTime, now: DateTime): string {
  const days = time.startOf('day').diff(now.setZone(time.zone).startOf('day'), 'days').days;
  const wholeDays = Math.round(days);
  if (wholeDays === 0) return 'today';
  if (wholeDays === 1) return 'tomorrow';
  if (wholeDays < 7) return time.toFormat('cccc');
  return time.toFormat('ccc LLL d');
}

/** Formats a slot as offered, e.g. "tomorrow at 9am" or "Thursday at 2pm". */
export function slotLabel(start: DateTime, now: DateTime): string {
  return `${dayText(start, now)} at ${clockText(start)}`;
}

/** Formats the full date for a confirmation, e.g. "Thursday, December 10". */
export function dateText(time: DateTime): string {
  return time.toFormat('cccc, LLLL d');
}
