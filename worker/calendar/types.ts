import type { JobType } from '../../engine/types.ts';

/** When a business customer wants the work done: during its business hours or after them. */
export type VisitTiming = 'business_hours' | 'after_hours';

/** One appointment time a technician can take, as offered to a customer. */
export interface Slot {
  technicianId: string;
  technicianName: string;
  /** ISO 8601 with the business's UTC offset, e.g. "2026-12-10T14:00:00.000-06:00". */
  start: string;
  end: string;
  /** The time in the customer's words, e.g. "Thursday at 2pm" or "tomorrow at 9am". */
  label: string;
}

/** The times texted to a customer in one message; a reply picks from these. */
export interface SlotOffer {
  /** Unique per conversation run and offer number: "<workflow id>/<run id>#<offer number>". */
  id: string;
  number: number;
  offeredAt: string;
  timezone: string;
  slots: Slot[];
}

/** A stretch of time a customer asked for, e.g. "tomorrow morning": [from, to). */
export interface TimeWindow {
  from: string;
  to: string;
}

/** The customer's choice in a reply to an offer: one time, none, another window, or unclear. */
export type SlotChoice =
  | { kind: 'chosen'; index: number }
  | { kind: 'none' }
  | {
      kind: 'window';
      window: TimeWindow;
      wording: string;
      /** The exact start requested, when the day and the hour are certain ("Monday at 7pm"). */
      start: string | null;
    }
  | { kind: 'unclear' };

/** A booked appointment, as the conversation state and the API show it. */
export interface Booking {
  id: number;
  technician: { id: string; name: string };
  start: string;
  end: string;
  timezone: string;
  address: string | null;
  zip: string | null;
  jobType: JobType;
  /** Gate codes, parking and the like, as the customer texted them after booking. */
  notes: string[];
}

export interface BookingRequest {
  businessId: string;
  conversationId: string;
  offerId: string;
  slot: Slot;
  timezone: string;
  phone: string;
  address: string | null;
  zip: string | null;
  jobType: JobType;
}

export type BookingResult = { status: 'booked'; booking: Booking } | { status: 'taken' };
