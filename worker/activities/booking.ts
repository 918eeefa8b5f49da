import { DateTime } from 'luxon';
import type { JobType } from '../../engine/types.ts';
import { parseAddress, parseAddressReply } from '../address.ts';
import { bookingRules, priceRangeFor } from '../calendar/booking-settings.ts';
import { clockText, dateText } from '../calendar/labels.ts';
import {
  isPleasantry,
  readStatedTiming,
  readTiming,
  readYesNo,
  reportsOtherPlumber,
} from '../calendar/reply-words.ts';
import { Calendar } from '../calendar/store.ts';
import type { Booking, SlotOffer, TimeWindow, VisitTiming } from '../calendar/types.ts';
import { explainUnavailable, type UnavailableRequest } from '../calendar/unavailable.ts';
import { holidayOn } from '../hours.ts';
import type { Ledger } from '../ledger.ts';
import { cityOfZip } from '../service-area.ts';
import type { BusinessSettings } from '../settings.ts';
import {
  bookableHourCheck,
  completeAddress,
  readArea,
  readChoice,
  readRequestBeforeOffer,
  type BookingReading,
} from './booking-reading.ts';
import { claimSlot, describeArea, findOfferTimes, sameTimeSlots } from './booking-slots.ts';

export type { BookingReading, RequestedWindow } from './booking-reading.ts';

export interface BookingDeps {
  settings: BusinessSettings;
  ledger: Ledger;
  /** The current time for offering slots; tests set it. Default: the system clock. */
  clock?: () => Date;
}

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
