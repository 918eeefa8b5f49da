import { DateTime } from 'luxon';
import type { JobType } from '../../engine/types.ts';
import type { Technician, TimeRange, Weekday } from '../settings.ts';
import type { BookingRules } from './booking-settings.ts';
import type { TimeWindow, VisitTiming } from './types.ts';

/**
 * Appointment times from technicians' working hours, the job's length, a travel buffer and the
 * bookings already made. Pure: the caller passes the moment ("now") and the busy times.
 */

/** A technician's booked time: the job plus the travel buffer after it, [start, busyUntil). */
export interface BusyInterval {
  technicianId: string;
  start: string;
  busyUntil: string;
}

export interface SlotRequest {
  now: Date;
  jobType: JobType;
  /** Sewer backups get the earliest times; routine work gets times spread over the week. */
  urgency: 'sewer' | 'routine';
  timing: VisitTiming | null;
  /** Only times starting inside this window, e.g. the customer's "tomorrow morning". */
  window: TimeWindow | null;
  /** Start times the customer already turned down. */
  exclude: string[];
  /** Days the business is closed (holidays), by local date. */
  isClosed?: (localDay: DateTime) => boolean;
}

export interface SlotCandidate {
  technician: Technician;
  start: DateTime;
  end: DateTime;
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Times offered together for a sewer backup or a requested window are at least this far apart. */
const MIN_GAP_MINUTES = 60;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Returns the local wall-clock time on a day, or null when a DST jump skips it. */
function atMinute(day: DateTime, minuteOfDay: number): DateTime | null {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  if (hour === 24) return day.plus({ days: 1 }).startOf('day');
  const time = day.set({ hour, minute, second: 0, millisecond: 0 });
  return time.hour === hour && time.minute === minute ? time : null;
}

/** Returns the technicians with the job's skill, or all of them when no technician has it. */
function eligibleTechnicians(rules: BookingRules, jobType: JobType): Technician[] {
  const skill = rules.skillFor(jobType);
  const skilled = skill ? rules.technicians.filter((tech) => tech.skills?.includes(skill)) : [];
  return skilled.length > 0 ? skilled : rules.technicians;
}

function rangesFor(
  rules: BookingRules,
  technician: Technician,
  weekday: Weekday,
  timing: VisitTiming | null,
) {
  // NOTE: without a booking.afterHours setting, after-hours requests get ordinary working hours.
  const week =
    timing === 'after_hours' && rules.afterHours ? rules.afterHours : rules.hoursOf(technician.id);
  return week[weekday] ?? [];
}

function overlapsBusy(
  busy: BusyInterval[],
  technicianId: string,
  start: DateTime,
  busyUntil: DateTime,
) {
  return busy.some(
    (interval) =>
      interval.technicianId === technicianId &&
      DateTime.fromISO(interval.start) < busyUntil &&
      start < DateTime.fromISO(interval.busyUntil),
  );
}

/** Lists every free start time on one day, across the technicians who can do the job. */
function candidatesOnDay(
  rules: BookingRules,
  busy: BusyInterval[],
  request: SlotRequest,
  day: DateTime,
) {
  const jobMinutes = rules.jobMinutes(request.jobType);
  const earliest = DateTime.fromJSDate(request.now).plus({ minutes: rules.leadTimeMinutes });
  const excluded = new Set(request.exclude.map((start) => DateTime.fromISO(start).toMillis()));
  const found: SlotCandidate[] = [];

  for (const technician of eligibleTechnicians(rules, request.jobType)) {
    for (const range of rangesFor(rules, technician, WEEKDAYS[day.weekday - 1], request.timing)) {
      found.push(
        ...candidatesInRange(range, day, jobMinutes, rules, (start, end) => {
          if (start < earliest || excluded.has(start.toMillis())) return false;
          if (request.window && !insideWindow(start, request.window)) return false;
          const busyUntil = end.plus({ minutes: rules.travelBufferMinutes });
          return !overlapsBusy(busy, technician.id, start, busyUntil);
        }).map(({ start, end }) => ({ technician, start, end })),
      );
    }
  }
  return found;
}

function candidatesInRange(
  [open, close]: TimeRange,
  day: DateTime,
  jobMinutes: number,
  rules: BookingRules,
  isFree: (start: DateTime, end: DateTime) => boolean,
) {
  const closing = atMinute(day, minutesOf(close));
  const times: { start: DateTime; end: DateTime }[] = [];
  if (!closing) return times;
  for (
    let minute = minutesOf(open);
    minute + jobMinutes <= minutesOf(close);
    minute += rules.slotStepMinutes
  ) {
    const start = atMinute(day, minute);
    if (!start) continue;
    const end = start.plus({ minutes: jobMinutes });
    if (end <= closing && isFree(start, end)) times.push({ start, end });
  }
  return times;
}

function insideWindow(start: DateTime, window: TimeWindow): boolean {
  return start >= DateTime.fromISO(window.from) && start < DateTime.fromISO(window.to);
}

/** Lists every free start time from now to the end of the booking horizon, earliest first. */
export function freeSlots(
  rules: BookingRules,
  busy: BusyInterval[],
  request: SlotRequest,
): SlotCandidate[] {
  const today = DateTime.fromJSDate(request.now, { zone: rules.timezone }).startOf('day');
  const all: SlotCandidate[] = [];
  for (let offset = 0; offset <= rules.daysAhead; offset += 1) {
    const day = today.plus({ days: offset });
    if (request.isClosed?.(day)) continue;
    all.push(...candidatesOnDay(rules, busy, request, day));
  }
  const order = new Map(rules.technicians.map((tech, index) => [tech.id, index]));
  return all.sort(
    (a, b) =>
      a.start.toMillis() - b.start.toMillis() ||
      order.get(a.technician.id)! - order.get(b.technician.id)!,
  );
}

/**
 * Picks the times to offer: for a sewer backup or a requested window the earliest ones an hour
 * apart, otherwise the earliest time in each of the next half-days (morning, afternoon), so the
 * customer has a real choice.
 */
export function pickSlots(
  candidates: SlotCandidate[],
  request: SlotRequest,
  count: number,
): SlotCandidate[] {
  const picked: SlotCandidate[] = [];
  const spread = request.urgency === 'routine' && !request.window;
  const halfDay = (time: DateTime) => `${time.toISODate()}:${time.hour < 12 ? 'am' : 'pm'}`;

  for (const candidate of candidates) {
    if (picked.length >= count) break;
    const last = picked.at(-1);
    if (last && spread && halfDay(last.start) === halfDay(candidate.start)) continue;
    if (last && candidate.start < last.start.plus({ minutes: MIN_GAP_MINUTES })) continue;
    picked.push(candidate);
  }
  return picked;
}

/**
 * Picks the free times nearest a requested time, at least an hour apart, and returns them
 * earliest first. Used when the requested time itself is not free.
 */
export function pickNearest(
  candidates: SlotCandidate[],
  target: DateTime,
  count: number,
): SlotCandidate[] {
  const distance = (candidate: SlotCandidate) =>
    Math.abs(candidate.start.toMillis() - target.toMillis());
  const byDistance = [...candidates].sort((a, b) => distance(a) - distance(b));
  const picked: SlotCandidate[] = [];
  const gapMillis = MIN_GAP_MINUTES * 60_000;

  for (const candidate of byDistance) {
    if (picked.length >= count) break;
    const tooClose = picked.some(
      (other) => Math.abs(other.start.toMillis() - candidate.start.toMillis()) < gapMillis,
    );
    if (!tooClose) picked.push(candidate);
  }
  return picked.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}
