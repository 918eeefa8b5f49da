import type { Decision, Intent, JobType, PropertyType } from '../engine/index.ts';
import type { RequestedWindow } from '../worker/activities/booking.ts';
import type { SlotOffer, VisitTiming } from '../worker/calendar/types.ts';
import type { AreaCheck } from '../worker/service-area.ts';

/** A question the booking flow texts the customer. */
export type Question =
  | 'details'
  | 'address'
  | 'street'
  | 'property_type'
  | 'commercial_timing'
  | 'price_callback'
  | 'second_opinion'
  | 'slots';

export type QualificationStatus =
  'qualifying' | 'offered' | 'booked' | 'out_of_area' | 'callback' | 'no_slots';

/**
 * The booking flow's facts about a job and the questions texted so far, kept on the
 * conversation state so that a later text continues where the last one left off.
 */
export interface Qualification {
  status: QualificationStatus;
  /** False while the customer has given an address but not said what the problem is. */
  problemStated: boolean;
  urgency: 'sewer' | 'routine';
  jobType: JobType;
  propertyType: PropertyType;
  intent: Intent;
  /** The service address on one line, e.g. "45 W Lake St Apt 3, Chicago, IL 60601". */
  address: string | null;
  zip: string | null;
  area: AreaCheck | null;
  /** A business customer's answer to "during business hours or after?". */
  timing: VisitTiming | null;
  /** Questions texted so far, oldest first; each is asked once, the address and street twice. */
  asked: Question[];
  /**
   * Set when times were offered after the address or street question went unanswered twice:
   * `street` when an in-area ZIP code or town is known but no street, `address` when the service
   * area is undecided too. The technician or office has to confirm the address with the customer.
   */
  addressUnconfirmed: 'street' | 'address' | null;
  /** The ballpark offered to a price shopper, and whether they asked for the call back. */
  priceCallback: {
    range: string | null;
    offeredAt: string;
    /** Null until the customer answers the offer. */
    requested: boolean | null;
    confirmed: boolean;
  } | null;
  /** A second-opinion customer's account of what the other plumber said. */
  otherPlumberSaid: string | null;
  /** The times last offered, while the customer has not picked one. */
  offer: SlotOffer | null;
  offerTiming: VisitTiming | null;
  offerCount: number;
  /** Start times the customer turned down ("neither"). */
  declined: string[];
  /** A day or time requested before times were offered, used for the first offer. */
  requestedTime?: RequestedWindow | null;
  referralSent: boolean;
}

/** The step a text moves the conversation to. */
export type BookingStep =
  | 'out_of_area'
  | 'callback_confirmation'
  | 'price_callback'
  | 'second_opinion'
  | 'details'
  | 'address'
  | 'street'
  | 'property_type'
  | 'commercial_timing'
  | 'new_offer'
  | 'pick_offered';

/** How many times the address or the street question is texted before times are offered anyway. */
export const MAX_ADDRESS_ASKS = 2;

/**
 * The question each triage reply template ends with, so the first reply can be the rules' own
 * text when it asks what the booking flow needs next.
 * NOTE: keyed by template id. A template whose text is edited to ask something else must be
 * updated here too, or the flow may ask that question a second time.
 */
const TRIAGE_TEMPLATE_ASKS: Record<string, Question> = {
  non_emergency: 'property_type',
  sewer_backup: 'address',
};

export function newQualification(decision: Decision): Qualification {
  return {
    status: 'qualifying',
    problemStated: decision.urgency === 'sewer' || decision.urgency === 'routine',
    urgency: decision.urgency === 'sewer' ? 'sewer' : 'routine',
    jobType: decision.jobType,
    propertyType: 'unknown',
    intent: 'unknown',
    address: null,
    zip: null,
    area: null,
    timing: null,
    asked: [],
    addressUnconfirmed: null,
    priceCallback: null,
    otherPlumberSaid: null,
    offer: null,
    offerTiming: null,
    offerCount: 0,
    declined: [],
    requestedTime: null,
    referralSent: false,
  };
}

/**
 * Records what the rules read from a text: a more urgent job, the job type, home or business,
 * intent. The latest problem the customer describes sets the job type ("actually it's the water
 * heater"), except that routine work named after a sewer backup leaves the backup's job type.
 * Returns true when the job type changed.
 */
export function absorbDecision(qualification: Qualification, decision: Decision): boolean {
  if (decision.urgency === 'sewer') qualification.urgency = 'sewer';
  const takesJob = decision.urgency === 'sewer' || decision.urgency === 'routine';
  if (takesJob) qualification.problemStated = true;
  const sameUrgency = decision.urgency === qualification.urgency;
  const previousJobType = qualification.jobType;
  if (takesJob && decision.jobType && (sameUrgency || !qualification.jobType)) {
    qualification.jobType = decision.jobType;
  }
  if (decision.propertyType !== 'unknown') qualification.propertyType = decision.propertyType;
  if (decision.intent !== 'unknown') qualification.intent = decision.intent;
  return qualification.jobType !== previousJobType;
}

/** Decides what to text next, from what is known and what was already asked. */
export function nextStep(qualification: Qualification): BookingStep {
  const { area, asked, intent, priceCallback } = qualification;
  if (area?.inArea === false) return 'out_of_area';
  if (priceCallback?.requested && !priceCallback.confirmed) return 'callback_confirmation';
  if (intent === 'price_shopping' && !asked.includes('price_callback')) return 'price_callback';
  const otherPlumberUnknown = !qualification.otherPlumberSaid && !asked.includes('second_opinion');
  if (intent === 'second_opinion' && otherPlumberUnknown) return 'second_opinion';
  if (!qualification.problemStated) return 'details';

  const routine = qualification.urgency === 'routine';
  if (routine && qualification.propertyType === 'unknown' && !asked.includes('property_type')) {
    return 'property_type';
  }
  const missing = missingAddress(qualification);
  if (missing && asked.filter((question) => question === missing).length < MAX_ADDRESS_ASKS) {
    return missing;
  }
  const commercial = qualification.propertyType === 'commercial';
  if (routine && commercial && !qualification.timing && !asked.includes('commercial_timing')) {
    return 'commercial_timing';
  }
  const offerStillFits = qualification.offer && qualification.offerTiming === qualification.timing;
  return offerStillFits ? 'pick_offered' : 'new_offer';
}

/**
 * Returns the question that would get the address still needed: `street` when only an in-area
 * ZIP code or town is known, `address` when there is no address or the area is undecided, or
 * null when both the address and an in-area check are known.
 */
export function missingAddress(qualification: Qualification): 'street' | 'address' | null {
  const { address, area, zip } = qualification;
  if (address && area?.inArea === true) return null;
  return zip && area?.inArea === true ? 'street' : 'address';
}

/** The rules' reply template, when this is the first reply and it asks what comes next. */
export function triageTemplateFor(
  qualification: Qualification,
  decision: Decision,
  question: Question,
): string | null {
  if (qualification.asked.length > 0 || !decision.template) return null;
  return TRIAGE_TEMPLATE_ASKS[decision.template] === question ? decision.template : null;
}

/** Joins offered times for a text: "Thursday at 2pm or Friday at 10am". */
export function slotsText(offer: SlotOffer): string {
  const labels = offer.slots.map((slot) => slot.label);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
