/** Finding times to offer and claiming a booked time, for the booking activities. */
import { DateTime } from 'luxon';
import { bookingRules } from '../calendar/booking-settings.ts';
import { slotLabel } from '../calendar/labels.ts';
import {
  freeSlots,
  pickNearest,
  pickSlots,
  type SlotCandidate,
  type SlotRequest,
} from '../calendar/slots.ts';
import { Calendar } from '../calendar/store.ts';
import type { BookingRequest, Slot } from '../calendar/types.ts';
import { holidayOn } from '../hours.ts';
import { cityOfZip, type ServiceArea } from '../service-area.ts';
import type { BusinessSettings } from '../settings.ts';
import type { BookingDeps, BookSlotRequest, OfferRequest } from './booking.ts';

export function claimSlot(
  deps: BookingDeps,
  calendar: Calendar,
  input: BookSlotRequest,
  slot: Slot,
) {
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
export function sameTimeSlots(
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

export function describeArea(settings: BusinessSettings): { name: string; referral: string } {
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
export function findOfferTimes(
  deps: BookingDeps,
  calendar: Calendar,
  input: OfferRequest,
  now: Date,
) {
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
export function spreadOverTechnicians(
  candidates: SlotCandidate[],
  openOffers: Map<string, number>,
): SlotCandidate[] {
  const offersOf = ({ technician, start }: SlotCandidate) =>
    openOffers.get(`${technician.id} ${start.toMillis()}`) ?? 0;
  return [...candidates].sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || offersOf(a) - offersOf(b),
  );
}
