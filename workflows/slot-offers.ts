import { workflowInfo } from '@temporalio/workflow';
import type { BookingReading } from '../worker/activities/booking.ts';
import type { SlotChoice, TimeWindow } from '../worker/calendar/types.ts';
import type { UnavailableReason } from '../worker/calendar/unavailable.ts';
import { activities } from './activities.ts';
import type { ConversationHandle } from './conversation-handle.ts';
import { jobLabel } from './job-labels.ts';
import { slotsText } from './qualification.ts';
import type { InboundMessage } from './signals.ts';

/** Offering times, booking the one picked, and the texts that follow a booking. */

type OfferReason = 'first' | 'declined' | 'window' | 'taken' | 'job_changed';

/** Templates by reason: `several` lets the customer choose, `one` is a yes-or-no question. */
const OFFER_TEMPLATES: Record<OfferReason, { several: string; one: string }> = {
  first: { several: 'slot_offer', one: 'slot_offer_one' },
  declined: { several: 'slot_retry', one: 'slot_retry_one' },
  window: { several: 'slot_retry', one: 'slot_retry_one' },
  taken: { several: 'slot_taken', one: 'slot_taken_one' },
  job_changed: { several: 'slot_job_changed', one: 'slot_job_changed_one' },
};

/** Templates for a requested time that is not free: each gives the reason and nearer times. */
const UNAVAILABLE_TEMPLATES: Record<UnavailableReason, string> = {
  past: 'slot_unavailable_past',
  holiday: 'slot_unavailable_holiday',
  closed: 'slot_unavailable_closed',
  too_soon: 'slot_unavailable_too_soon',
  hours: 'slot_unavailable_hours',
  taken: 'slot_unavailable_taken',
};
const SEWER_FIRST_TEMPLATES = { several: 'sewer_slot_offer', one: 'sewer_slot_offer_one' };

/** Unique per run, so a later conversation with the same caller starts its offers afresh. */
function conversationId(conversation: ConversationHandle): string {
  return `${conversation.state.workflowId}/${workflowInfo().runId}`;
}

/**
 * Offers new times from the calendar, or texts that none are free and the office will call.
 * With `bookAt`, a time the customer named exactly, that time is booked at once when it is free.
 * A requested window or time with nothing free gets the nearest free times on that day or after.
 */
export async function offerTimes(
  conversation: ConversationHandle,
  request: {
    reason: OfferReason;
    window?: TimeWindow | null;
    bookAt?: string | null;
    /** A time to offer the nearest free times to, when `window` has none; default `bookAt`. */
    near?: string | null;
  },
) {
  const qualification = conversation.state.qualification!;
  qualification.offerCount += 1;
  const offer = await activities.offerSlots({
    conversationId: conversationId(conversation),
    number: qualification.offerCount,
    jobType: qualification.jobType,
    urgency: qualification.urgency,
    timing: qualification.timing,
    window: request.window ?? null,
    requestedStart: request.near ?? request.bookAt ?? null,
    exclude: qualification.declined,
  });
  // A sewer backup whose first text is this offer gets the health warning with it.
  const sewerFirst = qualification.urgency === 'sewer' && qualification.asked.length === 0;
  if (!qualification.asked.includes('slots')) qualification.asked.push('slots');

  if (offer.slots.length === 0) {
    qualification.status = 'no_slots';
    qualification.offer = null;
    conversation.state.outcome = 'needs_callback';
    await conversation.text('slots_unavailable', 'booking');
    conversation.note('booking: no free times, office to call back');
    return;
  }

  const { outsideWindow, unavailable, ...stored } = offer;
  qualification.status = 'offered';
  qualification.offer = stored;
  qualification.offerTiming = qualification.timing;
  const requestedIndex = request.bookAt
    ? stored.slots.findIndex((slot) => Date.parse(slot.start) === Date.parse(request.bookAt!))
    : -1;
  if (requestedIndex >= 0) {
    conversation.note(`booking: ${stored.slots[requestedIndex].label} requested and free`);
    return bookChosen(conversation, requestedIndex);
  }

  const templates = sewerFirst ? SEWER_FIRST_TEMPLATES : OFFER_TEMPLATES[request.reason];
  const explained = unavailable && request.reason !== 'taken' && !sewerFirst;
  let templateId = stored.slots.length === 1 ? templates.one : templates.several;
  if (explained) templateId = UNAVAILABLE_TEMPLATES[unavailable.reason];
  const slots = slotsText(stored);
  // In the unavailable templates `day` is the requested time, since they name no booked day.
  await conversation.text(templateId, 'booking', {
    jobLabel: jobLabel(qualification.jobType),
    slots,
    day: unavailable?.requested ?? '',
  });
  const why = unavailable ? ` (${unavailable.requested} not free: ${unavailable.reason})` : '';
  conversation.note(`booking: offered ${slots}${outsideWindow ? why : ''}`);
}

/** Books the offered time a reply picks, or offers others; returns false when it picks nothing. */
export async function answerChoice(
  conversation: ConversationHandle,
  choice: SlotChoice,
): Promise<boolean> {
  const qualification = conversation.state.qualification!;
  switch (choice.kind) {
    case 'chosen':
      await bookChosen(conversation, choice.index);
      return true;
    case 'none':
      qualification.declined.push(...qualification.offer!.slots.map((slot) => slot.start));
      await offerTimes(conversation, { reason: 'declined' });
      return true;
    case 'window':
      await offerTimes(conversation, {
        reason: 'window',
        window: choice.window,
        bookAt: choice.start,
      });
      return true;
    default:
      return false;
  }
}

async function bookChosen(conversation: ConversationHandle, index: number) {
  const { state } = conversation;
  const qualification = state.qualification!;
  const offer = qualification.offer!;
  const result = await activities.bookSlot({
    conversationId: conversationId(conversation),
    offer,
    index,
    phone: state.phone,
    address: qualification.address,
    zip: qualification.zip,
    jobType: qualification.jobType,
    timing: qualification.offerTiming,
  });
  if (result.status === 'taken') {
    // The new times are the nearest to the lost one, on its day or after, not the earliest.
    const lost = offer.slots[index];
    conversation.note(`booking: ${lost.label} was taken by another booking`);
    const justAfter = new Date(Date.parse(lost.start) + 60_000).toISOString();
    const window = { from: lost.start, to: justAfter };
    await offerTimes(conversation, { reason: 'taken', window, near: lost.start });
    return;
  }

  state.booking = result.booking;
  state.outcome = 'booked';
  qualification.status = 'booked';
  qualification.offer = null;
  const { day, time, technician } = result;
  await conversation.text('booking_confirmation', 'booking', { day, time, technician });
  conversation.note(`booked: ${result.booking.technician.id} at ${result.booking.start}`);
}

/** Keeps a gate code or parking note sent after booking; a bare "thanks" gets no reply. */
export async function afterBooking(
  conversation: ConversationHandle,
  reading: BookingReading,
  message: InboundMessage,
) {
  const booking = conversation.state.booking!;
  if (reading.pleasantry) {
    conversation.note('booked: thanks recorded, no reply');
    return;
  }
  booking.notes.push(message.text);
  await activities.addBookingNote({
    conversationId: conversationId(conversation),
    bookingId: booking.id,
    note: message.text,
  });
  await conversation.text('booking_note', 'booking');
  conversation.note('booked: note for the technician recorded');
}
