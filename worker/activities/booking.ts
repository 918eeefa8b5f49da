import { DateTime } from 'luxon';
import type { JobType } from '../../engine/types.ts';
import { formatAddress, parseAddress, parseAddressReply, type Address } from '../address.ts';
import { bookingRules, priceRangeFor } from '../calendar/booking-settings.ts';
import { clockText, dateText, slotLabel } from '../calendar/labels.ts';
import {
  isPleasantry,
  readStatedTiming,
  readTiming,
  readYesNo,
  reportsOtherPlumber,
} from '../calendar/reply-words.ts';
import { readSlotReply, type SlotReplyOptions } from '../calendar/slot-reply.ts';
import {
  freeSlots,
  pickNearest,
  pickSlots,
  type SlotCandidate,
  type SlotRequest,
} from '../calendar/slots.ts';
import { Calendar } from '../calendar/store.ts';
import type {
  Booking,
  BookingRequest,
  Slot,
  SlotChoice,
  SlotOffer,
  TimeWindow,
  VisitTiming,
} from '../calendar/types.ts';
import { explainUnavailable, type UnavailableRequest } from '../calendar/unavailable.ts';
import { holidayOn } from '../hours.ts';
import type { Ledger } from '../ledger.ts';
import {
  checkCity,
  checkZip,
  cityOfZip,
  type AreaCheck,
  type ServiceArea,
} from '../service-area.ts';
import type { BusinessSettings } from '../settings.ts';

export interface BookingDeps {
  settings: BusinessSettings;
  ledger: Ledger;
  /** The current time for offering slots; tests set it. Default: the system clock. */
  clock?: () => Date;
}

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

export interface OfferRequest {
  conversationId: string;
  number: number;
  jobType: JobType;
  urgency: 'sewer' | 'routine';
  timing: VisitTiming | null;
  window: TimeWindow | null;
  /** The exact time the customer requested; when it is not free, the nearest times are offered. */
  requestedStart?: string | null;
  exclude: string[];
}

/** An offer, and why the requested window had no free time when it had none. */
export type OfferResult = SlotOffer & {
  outsideWindow: boolean;
  unavailable: UnavailableRequest | null;
};

export interface BookSlotRequest {
  conversationId: string;
  offer: SlotOffer;
  index: number;
  phone: string;
  address: string | null;
  zip: string | null;
  jobType: JobType;
  /** Selects the after-hours ranges for another technician at the same time. */
  timing?: VisitTiming | null;
}

export type BookSlotResult =
  | { status: 'booked'; booking: Booking; day: string; time: string; technician: string }
  | { status: 'taken' };

function readArea(
  settings: BusinessSettings,
  zip: string | null,
  address: Address | null,
): AreaCheck | null {
  if (zip) return checkZip(settings.serviceArea, zip);
  if (address?.city) return checkCity(settings.serviceArea, address.city, address.state);
  return null;
}

/** Returns whether a job can start at an hour: inside any technician's hours for the timing. */
function bookableHourCheck(settings: BusinessSettings, timing: VisitTiming | null) {
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

function minuteOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Reads the choice of an offered time, unless the offer went stale while the customer waited. */
function readChoice(text: string, offer: SlotOffer | null, now: Date, options: SlotReplyOptions) {
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
function readRequestBeforeOffer(
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

function completeAddress(address: Address | null, zip: string | null): string | null {
  if (!address) return null;
  const place = zip ? cityOfZip(zip) : null;
  return formatAddress({
    ...address,
    zip: address.zip ?? zip,
    city: address.city ?? place?.city ?? null,
    state: address.state ?? place?.state ?? null,
  });
}

export function createBookingActivities(deps: BookingDeps) {
  let calendar: Calendar | null = null;
  const calendarOf = () => (calendar ??= new Calendar(deps.ledger.db));
  const businessId = deps.settings.id;

  return {
    /**
     * Reads an address, the service area, a timing preference, yes or no, and a choice of time.
     * `askedForAddress` marks a reply to an address question, read with `parseAddressReply`, and
     * `knownZip` is a ZIP code given earlier, used for the city and state of that address.
     */
    async readBookingReply(input: {
      text: string;
      zip: string | null;
      offer: SlotOffer | null;
      askedForAddress?: boolean;
      knownZip?: string | null;
      /** The timing the offer was made for, which decides the hours a time can be read in. */
      timing?: VisitTiming | null;
    }): Promise<BookingReading> {
      const lower = input.text.toLowerCase();
      const knownZip = input.knownZip ?? null;
      const address = input.askedForAddress
        ? parseAddressReply(input.text, knownZip ? (cityOfZip(knownZip)?.city ?? null) : null)
        : parseAddress(input.text);
      const zip = input.zip ?? address?.zip ?? null;
      const now = deps.clock?.() ?? new Date();
      const hourOptions = {
        isBookableHour: bookableHourCheck(deps.settings, input.timing ?? null),
      };
      const { choice, offerExpired } = readChoice(input.text, input.offer, now, hourOptions);
      const requestedTime = input.offer
        ? null
        : readRequestBeforeOffer(input.text, deps.settings, now, hourOptions);
      return {
        address,
        addressText: completeAddress(address, zip ?? knownZip),
        area: readArea(deps.settings, zip, address),
        timing: readTiming(lower),
        statedTiming: readStatedTiming(lower),
        reportsOtherPlumber: reportsOtherPlumber(lower),
        answer: readYesNo(lower),
        choice,
        offerExpired,
        pleasantry: isPleasantry(lower),
        requestedTime,
      };
    },

    /** Finds times to offer and stores the offer; a retry of the same offer number returns it. */
    async offerSlots(input: OfferRequest): Promise<OfferResult> {
      const id = `${input.conversationId}#${input.number}`;
      const stored = calendarOf().offer(id);
      if (stored) return { ...stored, outsideWindow: false, unavailable: null };

      const now = deps.clock?.() ?? new Date();
      const { slots, outsideWindow } = findOfferTimes(deps, calendarOf(), input, now);
      const unavailable =
        outsideWindow && input.window
          ? explainUnavailable(
              bookingRules(deps.settings),
              (day) => holidayOn(deps.settings, day),
              { ...input, window: input.window, start: input.requestedStart ?? null },
              now,
            )
          : null;
      const timezone = deps.settings.company.timezone;
      const offeredAt = DateTime.fromJSDate(now, { zone: timezone }).toISO()!;
      const offer: SlotOffer = { id, number: input.number, offeredAt, timezone, slots };
      const saved = calendarOf().saveOffer(businessId, input.conversationId, offer);
      return { ...saved, outsideWindow, unavailable };
    },

    /**
     * Books one offered time, atomically. When the offered technician was taken meanwhile, books
     * the same time with another technician who can do the job and is free then. Returns `taken`
     * when no such technician is free.
     */
    async bookSlot(input: BookSlotRequest): Promise<BookSlotResult> {
      const offered = input.offer.slots[input.index];
      let result = claimSlot(deps, calendarOf(), input, offered);
      if (result.status === 'taken') {
        for (const slot of sameTimeSlots(deps, calendarOf(), input, offered)) {
          result = claimSlot(deps, calendarOf(), input, slot);
          if (result.status === 'booked') break;
        }
      }
      if (result.status === 'taken') return result;

      const start = DateTime.fromISO(result.booking.start, { zone: input.offer.timezone });
      const technician = result.booking.technician.name.split(' ')[0];
      return { ...result, day: dateText(start), time: clockText(start), technician };
    },

    /** Keeps a gate code or parking note in the booking's history. */
    async addBookingNote(input: {
      conversationId: string;
      bookingId: number;
      note: string;
    }): Promise<void> {
      calendarOf().addNote(businessId, input.conversationId, input.bookingId, input.note);
    },

    /** Returns the service area's name and the referral for out-of-area customers. */
    async describeServiceArea(): Promise<{ name: string; referral: string }> {
      return describeArea(deps.settings);
    },

    /** Returns the ballpark price range for a job type from the settings. */
    async priceRange(input: { jobType: JobType }): Promise<string | null> {
      return priceRangeFor(deps.settings, input.jobType);
    },
  };
}

/** Books a slot for the request's conversation and offer; each claim is its own transaction. */
function claimSlot(deps: BookingDeps, calendar: Calendar, input: BookSlotRequest, slot: Slot) {
  const rules = bookingRules(deps.settings);
  const busyUntil = DateTime.fromISO(slot.end, { setZone: true }).plus({
    minutes: rules.travelBufferMinutes,
  });
  const request: BookingRequest = {
    businessId: deps.settings.id,
    conversationId: input.conversationId,
    offerId: input.offer.id,
    slot,
    timezone: input.offer.timezone,
    phone: input.phone,
    address: input.address,
    zip: input.zip,
    jobType: input.jobType,
  };
  return calendar.book(request, busyUntil.toISO()!);
}

/**
 * Lists the offered time with each other technician who can do the job and is free then. The
 * lead time counts from the offer, as it did when the time was offered.
 */
function sameTimeSlots(
  deps: BookingDeps,
  calendar: Calendar,
  input: BookSlotRequest,
  offered: Slot,
): Slot[] {
  const rules = bookingRules(deps.settings);
  const start = DateTime.fromISO(offered.start, { zone: rules.timezone });
  const busy = calendar.busy(
    deps.settings.id,
    start.minus({ days: 1 }).toJSDate(),
    start.plus({ days: 1 }).toJSDate(),
  );
  const request: SlotRequest = {
    now: new Date(input.offer.offeredAt),
    jobType: input.jobType,
    urgency: 'routine',
    timing: input.timing ?? null,
    window: { from: offered.start, to: start.plus({ minutes: 1 }).toISO()! },
    exclude: [],
  };
  return freeSlots(rules, busy, request)
    .filter(({ technician }) => technician.id !== offered.technicianId)
    .map(({ technician, start: from, end }) => ({
      ...offered,
      technicianId: technician.id,
      technicianName: technician.name,
      start: from.toISO()!,
      end: end.toISO()!,
    }));
}

function describeArea(settings: BusinessSettings): { name: string; referral: string } {
  const area: ServiceArea = settings.serviceArea ?? {};
  const centerZip = area.center?.zip ?? area.zips?.[0];
  const centerCity = centerZip ? cityOfZip(centerZip)?.city : undefined;
  const around =
    area.radiusMiles && centerCity ? `${area.radiusMiles} miles around ${centerCity}` : null;
  return {
    name: area.name ?? around ?? centerCity ?? 'our local area',
    referral:
      area.referral ?? `call our office at ${settings.company.phone} and we'll find you a name`,
  };
}

/**
 * Finds the times to offer. When the requested window has none free, offers the times nearest the
 * requested time (or the window's start) on the requested day or the days after it.
 */
function findOfferTimes(deps: BookingDeps, calendar: Calendar, input: OfferRequest, now: Date) {
  const rules = bookingRules(deps.settings);
  const horizon = new Date(now.getTime() + (rules.daysAhead + 2) * 86_400_000);
  const busy = calendar.busy(deps.settings.id, now, horizon);
  const request: SlotRequest = {
    now,
    jobType: input.jobType,
    urgency: input.urgency,
    timing: input.timing,
    window: input.window,
    exclude: input.exclude,
    isClosed: (day) => holidayOn(deps.settings, day) !== null,
  };

  const openOffers = calendar.openOfferCounts(deps.settings.id, now);
  const candidates = (slotRequest: SlotRequest) =>
    spreadOverTechnicians(freeSlots(rules, busy, slotRequest), openOffers);
  let picked = pickSlots(candidates(request), request, rules.slotsPerOffer);
  const outsideWindow = picked.length === 0 && request.window !== null;
  if (outsideWindow) {
    const target = DateTime.fromISO(input.requestedStart ?? input.window!.from, {
      zone: rules.timezone,
    });
    const fromRequestedDay = {
      ...request,
      window: { from: target.startOf('day').toISO()!, to: horizon.toISOString() },
    };
    picked = pickNearest(candidates(fromRequestedDay), target, rules.slotsPerOffer);
    // A day past the booking horizon gets the free times nearest to it before the horizon.
    const anyTime = { ...request, window: null };
    if (picked.length === 0) picked = pickNearest(candidates(anyTime), target, rules.slotsPerOffer);
  }

  const localNow = DateTime.fromJSDate(now, { zone: rules.timezone });
  const slots = picked.map(({ technician, start, end }) => ({
    technicianId: technician.id,
    technicianName: technician.name,
    start: start.toISO()!,
    end: end.toISO()!,
    label: slotLabel(start, localNow),
  }));
  return { slots, outsideWindow };
}

/**
 * Orders technicians free at the same time by how many open offers already name them then, so
 * customers texting at the same moment are offered different technicians where several are free.
 * The sort is stable: ties keep the technicians' order in the settings.
 */
function spreadOverTechnicians(
  candidates: SlotCandidate[],
  openOffers: Map<string, number>,
): SlotCandidate[] {
  const offersOf = ({ technician, start }: SlotCandidate) =>
    openOffers.get(`${technician.id} ${start.toMillis()}`) ?? 0;
  return [...candidates].sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || offersOf(a) - offersOf(b),
  );
}
