import type { Decision } from '../engine/index.ts';
import type { BookingReading } from '../worker/activities/booking.ts';
import { activities } from './activities.ts';
import type { ConversationHandle, MessageStep } from './conversation-handle.ts';
import { jobLabel } from './job-labels.ts';
import {
  absorbDecision,
  missingAddress,
  newQualification,
  nextStep,
  slotsText,
  triageTemplateFor,
  type BookingStep,
  type Question,
} from './qualification.ts';
import type { InboundMessage } from './signals.ts';
import { afterBooking, answerChoice, offerTimes } from './slot-offers.ts';

/**
 * Sewer backups and routine work: qualify the job (service area, home or business, intent),
 * offer times from the calendar, book the one picked and confirm it. Each customer text gets
 * at most one text back, and what was learned stays on `state.qualification`.
 */
export const onJobRequest: MessageStep = async (conversation, decision, message) => {
  conversation.state.qualification ??= newQualification(decision);
  await continueBooking(conversation, decision, message);
};

/**
 * A reply that names no plumbing problem: an answer to the booking flow, an address given
 * before the problem (checked against the service area at once), or else a request for details.
 */
export const onOtherReply: MessageStep = async (conversation, decision, message) => {
  const { state } = conversation;
  if (state.qualification) return continueBooking(conversation, decision, message);

  const reading = await activities.readBookingReply({
    text: message.text,
    zip: decision.zip,
    offer: null,
  });
  if (reading.area || reading.addressText) {
    state.qualification = newQualification(decision);
    return continueBooking(conversation, decision, message, reading);
  }
  if (state.classification && state.classification.urgency !== 'none') {
    conversation.note('no new problem stated: recorded');
    return;
  }
  await conversation.text('ask_details', 'triage');
  conversation.note('no problem stated: asked for details');
};

/** Runs one booking turn: reads the reply, records its facts, then texts the next step. */
async function continueBooking(
  conversation: ConversationHandle,
  decision: Decision,
  message: InboundMessage,
  earlier?: BookingReading,
) {
  const qualification = conversation.state.qualification!;
  const jobTypeChanged = absorbDecision(qualification, decision);
  const reading =
    earlier ??
    (await activities.readBookingReply({
      text: message.text,
      zip: decision.zip,
      offer: qualification.status === 'offered' ? qualification.offer : null,
      askedForAddress: isAddressQuestion(qualification.asked.at(-1)),
      knownZip: qualification.zip,
      timing: qualification.offerTiming,
    }));

  if (qualification.status === 'booked') return afterBooking(conversation, reading, message);
  if (qualification.status === 'out_of_area' && !reopensInArea(reading)) {
    return afterDecline(conversation, reading);
  }
  if (qualification.status === 'callback' && decision.intent !== 'ready_to_book') {
    conversation.note('call back requested: reply recorded for the office');
    return;
  }
  absorbReading(conversation, reading, message);
  // Times offered for the old job may be too short or need a technician without the skill, so a
  // changed job type drops them, and any choice the same text makes among them.
  const reofferForNewJob = jobTypeChanged && qualification.status === 'offered';
  if (reading.offerExpired || reofferForNewJob) {
    qualification.offer = null;
    qualification.status = 'qualifying';
  }

  if (reading.choice && qualification.offer) {
    if (await answerChoice(conversation, reading.choice)) return;
  }
  const declinedCallback =
    qualification.priceCallback?.requested === false && reading.answer === 'no';
  if (declinedCallback && qualification.asked.at(-1) === 'price_callback') {
    conversation.note('call back declined: recorded, no reply');
    return;
  }
  const step = nextStep(qualification);
  if (reofferForNewJob && step === 'new_offer') {
    conversation.note(`booking: job changed to ${qualification.jobType}, times offered again`);
    return offerTimes(conversation, { reason: 'job_changed' });
  }
  await takeStep(conversation, decision, message, step);
}

function isAddressQuestion(question: Question | undefined): boolean {
  return question === 'address' || question === 'street';
}

function reopensInArea(reading: BookingReading): boolean {
  return reading.area?.inArea === true && reading.addressText !== null;
}

/** Records the address, the service area and the answer to the last question. */
function absorbReading(
  conversation: ConversationHandle,
  reading: BookingReading,
  message: InboundMessage,
) {
  const { state } = conversation;
  const qualification = state.qualification!;
  const lastQuestion = qualification.asked.at(-1);

  if (reading.area) {
    qualification.area = reading.area;
    qualification.zip = reading.area.zip ?? qualification.zip;
    if (reading.area.inArea && qualification.status === 'out_of_area') {
      qualification.status = 'qualifying';
      state.outcome = null;
    }
  }
  if (reading.addressText) qualification.address = reading.addressText;
  if (reading.requestedTime) qualification.requestedTime = reading.requestedTime;
  if (!missingAddress(qualification)) qualification.addressUnconfirmed = null;
  state.customer.address = qualification.address ?? state.customer.address;
  state.customer.zip = qualification.zip ?? state.customer.zip;

  if (lastQuestion === 'commercial_timing' && reading.timing) {
    qualification.timing = reading.timing;
  } else if (qualification.propertyType === 'commercial' && reading.statedTiming) {
    qualification.timing ??= reading.statedTiming;
  }
  const reportedUnasked = qualification.intent === 'second_opinion' && reading.reportsOtherPlumber;
  const accountGiven = lastQuestion === 'second_opinion' || reportedUnasked;
  if (accountGiven && !qualification.otherPlumberSaid) {
    qualification.otherPlumberSaid = message.text;
  }
  if (qualification.status === 'callback') qualification.status = 'qualifying';
  const callback = qualification.priceCallback;
  if (lastQuestion === 'price_callback' && callback?.requested === null && reading.answer) {
    callback.requested = reading.answer === 'yes';
  }
}

/** Sends the one text that moves the conversation on. */
async function takeStep(
  conversation: ConversationHandle,
  decision: Decision,
  message: InboundMessage,
  step: BookingStep,
) {
  const qualification = conversation.state.qualification!;
  switch (step) {
    case 'out_of_area':
      return declineOutOfArea(conversation);
    case 'callback_confirmation':
      qualification.status = 'callback';
      qualification.priceCallback!.confirmed = true;
      conversation.state.outcome = 'callback_requested';
      await conversation.text('callback_confirmation', 'booking');
      return conversation.note('price shopping: call back requested');
    case 'price_callback':
      return offerPriceCallback(conversation, message);
    case 'new_offer': {
      noteUnconfirmedAddress(conversation);
      // A free time requested in an earlier text is booked at once, as a reply to an offer is.
      const requested = qualification.requestedTime ?? null;
      qualification.requestedTime = null;
      return offerTimes(conversation, {
        reason: 'first',
        window: requested?.window,
        bookAt: requested?.start,
      });
    }
    case 'pick_offered':
      await conversation.text('slot_pick', 'booking', { slots: slotsText(qualification.offer!) });
      return conversation.note('booking: reply picked no offered time, asked again');
    default:
      return askQuestion(conversation, decision, step);
  }
}

/**
 * Records on the state that times go out without a confirmed address, because the address or
 * street question went unanswered twice.
 * NOTE: with the area undecided (no ZIP code, or one the ZIP data lacks), the times are offered
 * before the service area is known, and the office has to check it when confirming the address.
 */
function noteUnconfirmedAddress(conversation: ConversationHandle) {
  const qualification = conversation.state.qualification!;
  qualification.addressUnconfirmed = missingAddress(qualification);
  if (!qualification.addressUnconfirmed) return;
  const missing = qualification.addressUnconfirmed === 'street' ? 'street' : 'address and area';
  conversation.note(
    `booking: ${missing} not given after two asks, offering times to confirm later`,
  );
}

const QUESTION_TEMPLATES: Record<Exclude<Question, 'slots' | 'price_callback'>, string> = {
  details: 'ask_details',
  address: 'ask_address',
  street: 'ask_street',
  property_type: 'ask_property_type',
  commercial_timing: 'commercial_timing',
  second_opinion: 'second_opinion',
};

async function askQuestion(
  conversation: ConversationHandle,
  decision: Decision,
  question: keyof typeof QUESTION_TEMPLATES,
) {
  const qualification = conversation.state.qualification!;
  const templateId =
    triageTemplateFor(qualification, decision, question) ?? QUESTION_TEMPLATES[question];
  qualification.asked.push(question);
  await conversation.text(templateId, 'booking', { jobLabel: jobLabel(qualification.jobType) });
  conversation.note(`booking: asked ${question.replaceAll('_', ' ')} (${templateId})`);
}

async function declineOutOfArea(conversation: ConversationHandle) {
  const { state } = conversation;
  const qualification = state.qualification!;
  qualification.status = 'out_of_area';
  qualification.offer = null;
  state.outcome = 'out_of_area';
  const area = await activities.describeServiceArea();
  const place = qualification.area?.place ?? 'that address';
  await conversation.text('out_of_area', 'booking', { place, serviceArea: area.name });
  conversation.note(`out of area: ${qualification.zip ?? place}, declined with a referral offer`);
}

/** Sends the referral once, when an out-of-area customer accepts the offer of one. */
async function afterDecline(conversation: ConversationHandle, reading: BookingReading) {
  const qualification = conversation.state.qualification!;
  if (reading.answer !== 'yes' || qualification.referralSent) {
    conversation.note('out of area: reply recorded');
    return;
  }
  qualification.referralSent = true;
  const area = await activities.describeServiceArea();
  await conversation.text('out_of_area_referral', 'booking', { referral: area.referral });
  conversation.note('out of area: referral sent');
}

async function offerPriceCallback(conversation: ConversationHandle, message: InboundMessage) {
  const qualification = conversation.state.qualification!;
  const range = await activities.priceRange({ jobType: qualification.jobType });
  qualification.priceCallback = { range, offeredAt: message.at, requested: null, confirmed: false };
  qualification.asked.push('price_callback');

  const templateId = range ? 'price_callback' : 'price_callback_no_range';
  await conversation.text(templateId, 'booking', {
    jobLabel: jobLabel(qualification.jobType),
    priceRange: range ?? '',
  });
  conversation.note(`price shopping: call back offered${range ? ` with ballpark ${range}` : ''}`);
}
