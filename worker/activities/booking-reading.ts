/** Reading the booking facts in one customer text: address, area, timing, chosen time. */
import { DateTime } from 'luxon';
import { formatAddress, type Address } from '../address.ts';
import { bookingRules } from '../calendar/booking-settings.ts';
import { readSlotReply, type SlotReplyOptions } from '../calendar/slot-reply.ts';
import type { SlotChoice, SlotOffer, TimeWindow, VisitTiming } from '../calendar/types.ts';
import { checkCity, checkZip, cityOfZip, type AreaCheck } from '../service-area.ts';
import type { BusinessSettings } from '../settings.ts';

/** The facts one customer text gives the booking flow, besides the rules' classification. */
export interface BookingReading {
  address: Address | null;
  /** The address on one line, with city and state filled in from the ZIP code when missing. */
  addressText: string | null;
  area: AreaCheck | null;
  timing: VisitTiming | null;
  /** A timing stated in a text that was not the answer to the timing question. */
  statedTiming: VisitTiming | null;
  /** True when the text reports what another plumber found or quoted. */
  reportsOtherPlumber: boolean;
  answer: 'yes' | 'no' | null;
  /** The offered time the text picks; null when no offer was open or the offer expired. */
  choice: SlotChoice | null;
  /** True when an offered time has already started and the text picks none still ahead. */
  offerExpired: boolean;
  /** A bare "ok, thanks" that needs no reply. */
  pleasantry: boolean;
  /** A day or time requested while no times are on offer, kept for the first offer. */
  requestedTime: RequestedWindow | null;
}

/** A window the customer requested, and its exact start when the day and hour are certain. */
export interface RequestedWindow {
  window: TimeWindow;
  start: string | null;
}

// "it started Tuesday at 3pm" reports the problem and requests no time.
const PAST_TENSE = /\b(since|started|ago|yesterday|last|was|were|been|happened)\b/u;
// A request before any offer names its day, so house numbers and ZIP codes are not read as dates.
const DAY_WORD =
  /\b(today|tomorrow|(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/u;
const LONG_NUMBER = /\b\d{3,}(-\d{4})?\b/gu;

export function readArea(
  settings: BusinessSettings,
  zip: string | null,
  address: Address | null,
): AreaCheck | null {
  if (zip) return checkZip(settings.serviceArea, zip);
  if (address?.city) return checkCity(settings.serviceArea, address.city, address.state);
  return null;
}

/** Returns whether a job can start at an hour: inside any technician's hours for the timing. */
export function bookableHourCheck(settings: BusinessSettings, timing: VisitTiming | null) {
  const rules = bookingRules(settings);
  const weeks =
    timing === 'after_hours' && rules.afterHours
      ? [rules.afterHours]
      : rules.technicians.map((technician) => rules.hoursOf(technician.id));
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return (day: DateTime | null, hour: number) =>
    weeks.some((week) =>
      (day ? [weekdays[day.weekday - 1]] : weekdays).some((weekday) =>
        (week[weekday] ?? []).some(([open, close]) => {
          const minute = hour * 60;
          return minuteOf(open) <= minute && minute < minuteOf(close);
        }),
      ),
    );
}

export function minuteOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Reads the choice of an offered time, unless the offer went stale while the customer waited. */
export function readChoice(
  text: string,
  offer: SlotOffer | null,
  now: Date,
  options: SlotReplyOptions,
) {
  if (!offer) return { choice: null, offerExpired: false };
  const choice = readSlotReply(text, offer, options);
  const hasStarted = (start: string) => Date.parse(start) <= now.getTime();
  if (choice.kind === 'chosen' && !hasStarted(offer.slots[choice.index].start)) {
    return { choice, offerExpired: false };
  }
  const offerExpired = offer.slots.some((slot) => hasStarted(slot.start));
  return { choice: offerExpired ? null : choice, offerExpired };
}

/**
 * Reads a day or time requested before any offer ("Tuesday at 3pm works for me"), as a reply to
 * an offer with no times would be read.
 * NOTE: the hour of a request without am or pm is read with the timing known when the text came.
 */
export function readRequestBeforeOffer(
  text: string,
  settings: BusinessSettings,
  now: Date,
  options: SlotReplyOptions,
): RequestedWindow | null {
  const lower = text.toLowerCase();
  if (PAST_TENSE.test(lower) || !DAY_WORD.test(lower)) return null;
  const timezone = settings.company.timezone;
  const offeredAt = DateTime.fromJSDate(now, { zone: timezone }).toISO()!;
  const noTimes: SlotOffer = { id: '', number: 0, offeredAt, timezone, slots: [] };
  const choice = readSlotReply(text.replace(LONG_NUMBER, ''), noTimes, options);
  if (choice.kind !== 'window') return null;
  return { window: choice.window, start: choice.start };
}

export function completeAddress(address: Address | null, zip: string | null): string | null {
  if (!address) return null;
  const place = zip ? cityOfZip(zip) : null;
  return formatAddress({
    ...address,
    zip: address.zip ?? zip,
    city: address.city ?? place?.city ?? null,
    state: address.state ?? place?.state ?? null,
  });
}
