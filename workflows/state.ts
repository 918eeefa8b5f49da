import type { Classification, Decision } from '../engine/index.ts';
import type { DispatchSummary } from './dispatch-signals.ts';
import type { Booking } from '../worker/calendar/types.ts';
import type { Qualification } from './qualification.ts';
import type { MissedCall } from './signals.ts';

/** `failed`: the workflow stopped on an error, as the API reports it; the workflow never sets it. */
export type ConversationStatus = 'active' | 'quiet' | 'opted_out' | 'closed' | 'failed';
export type Period = 'open' | 'after_hours' | 'holiday';

export interface TranscriptEntry {
  direction: 'in' | 'out';
  channel: 'sms' | 'voicemail';
  text: string;
  at: string;
  /** Outbound only: the template sent and what became of it (sent, outbox, suppressed). */
  templateId?: string;
  status?: string;
}

/** One classified customer message, with the facts the decision was made on. */
export interface DecisionRecord {
  messageId: string;
  at: string;
  text: string;
  decision: Decision;
  /** The action taken, e.g. "opted out" or "gas safety text, dispatch needed". */
  action: string;
}

export interface ConversationInput {
  businessId: string;
  phone: string;
}

export interface ConversationState {
  workflowId: string;
  businessId: string;
  phone: string;
  status: ConversationStatus;
  startedAt: string;
  period: Period | null;
  afterHours: boolean;
  holiday: string | null;
  calls: MissedCall[];
  voicemailTranscript: string | null;
  transcript: TranscriptEntry[];
  /** The highest-urgency classification seen so far in this conversation. */
  classification: Classification | null;
  /** Content hashes of the rule sets this conversation's decisions ran with. */
  rulesHashes: string[];
  needsDispatch: boolean;
  optedOut: boolean;
  unansweredTexts: number;
  followUpSent: boolean;
  customer: { name: string | null; address: string | null; zip: string | null };
  /** The emergency dispatch and its timeline, as the dispatch workflow last reported it. */
  dispatch: DispatchSummary | null;
  /** The appointment booked: technician, start, end, address and job type. */
  booking: Booking | null;
  /** What the booking flow has learned and asked, for sewer backups and routine work. */
  qualification: Qualification | null;
  /** The conversation's result: dispatched, booked, out_of_area, opted_out or no_reply. */
  outcome: string | null;
  decisions: DecisionRecord[];
}

export function newConversationState(
  workflowId: string,
  input: ConversationInput,
  now: string,
): ConversationState {
  return {
    workflowId,
    businessId: input.businessId,
    phone: input.phone,
    status: 'active',
    startedAt: now,
    period: null,
    afterHours: false,
    holiday: null,
    calls: [],
    voicemailTranscript: null,
    transcript: [],
    classification: null,
    rulesHashes: [],
    needsDispatch: false,
    optedOut: false,
    unansweredTexts: 0,
    followUpSent: false,
    customer: { name: null, address: null, zip: null },
    dispatch: null,
    booking: null,
    qualification: null,
    outcome: null,
    decisions: [],
  };
}

const URGENCY_RANK: Record<Classification['urgency'], number> = {
  gas: 4,
  emergency: 3,
  sewer: 2,
  routine: 1,
  none: 0,
};

/** Keeps the most urgent problem, and fills in facts that a later message adds. */
export function mergeClassification(
  previous: Classification | null,
  next: Classification,
): Classification {
  if (!previous) return next;
  const moreUrgent = URGENCY_RANK[next.urgency] > URGENCY_RANK[previous.urgency];
  const base = moreUrgent ? next : previous;
  // The latest problem of the same urgency sets the job type, as the booking qualification does.
  const jobTypeChanged = next.jobType !== null && next.urgency === base.urgency;
  return {
    ...base,
    jobType: jobTypeChanged ? next.jobType : base.jobType,
    keyword: next.keyword,
    zip: next.zip ?? previous.zip,
    propertyType: next.propertyType !== 'unknown' ? next.propertyType : previous.propertyType,
    intent: next.intent !== 'unknown' ? next.intent : previous.intent,
    rules: next.rules,
  };
}

export function isMoreUrgent(
  next: Classification['urgency'],
  than: Classification['urgency'] | undefined,
): boolean {
  return URGENCY_RANK[next] > URGENCY_RANK[than ?? 'none'];
}
