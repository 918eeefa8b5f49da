import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { JobType } from '../engine/index.ts';
import type { Period } from './state.ts';

export type DispatchUrgency = 'gas' | 'emergency';

/** A place in the escalation chain: the on-call technician, the backup, or the owner. */
export type DispatchRole = 'onCall' | 'backup' | 'owner';

/** Someone the dispatch may notify. The owner's id is `owner`. */
export interface Responder {
  id: string;
  name: string;
  phone: string;
  role: DispatchRole;
}

/** One step of the planned escalation chain and the template its notice uses. */
export interface DispatchStep extends Responder {
  notice: string;
}

/** The customer's side of the job, as the technician's notice shows it. */
export interface DispatchCustomer {
  phone: string;
  name: string | null;
  address: string | null;
  zip: string | null;
}

/** The responders to notify and how, decided once when the dispatch starts (planDispatch). */
export interface DispatchPlan {
  chain: DispatchStep[];
  /** How long each responder has to acknowledge before the next is notified, e.g. "15m". */
  ackTimeout: string;
  /**
   * How many times the chain is walked while nobody acknowledges. Absent in plans made before
   * rounds existed, which walk it once.
   */
  rounds?: number;
  /** How long after the first notice replies and customer details still reach the dispatch. */
  openFor: string;
  /** True when each notice is also read to the responder by a Vonage voice call. */
  voiceNotice: boolean;
  period: Period;
  afterHours: boolean;
  templates: {
    voice: string;
    /** The notice of every round after the first; absent in plans made before rounds existed. */
    repeat?: string;
    /** The text to a responder whose reply was not understood; absent in older plans. */
    unclear?: string;
    /** The reply to a holder who gives the job back; absent in plans made before it existed. */
    released?: string;
    update: string;
    acknowledged: string;
    taken: string;
  };
  /** The text that tells the customer a technician will call, and its variables. */
  customerNotice: { templateId: string; vars: Record<string, string> };
  /** Settings problems met while planning, such as a rotation naming an unknown technician. */
  warnings: string[];
}

export interface DispatchInput {
  conversationId: string;
  customer: DispatchCustomer;
  /** The customer's own words about the problem. */
  issue: string;
  urgency: DispatchUrgency;
  jobType: JobType;
  /** True when the customer opted out of texts: notices tell responders to call, not text. */
  customerOptedOut: boolean;
  reportedAt: string;
  plan: DispatchPlan;
}

/** A responder notified earlier, as later notices list them. */
export interface TriedResponder extends Responder {
  notifiedAt: string;
  /** The responder's last reply that neither took the job nor reported a call, if any. */
  lastReply?: string;
}

/** The facts every text about a dispatch is written from. */
export interface DispatchFacts {
  customer: DispatchCustomer;
  issue: string;
  urgency: DispatchUrgency;
  jobType: JobType;
  period: Period;
  customerOptedOut: boolean;
  /** Responders notified before this text, oldest first. */
  tried: TriedResponder[];
  /** Who holds the dispatch, for the texts that name them. */
  holder: Responder | null;
  /** The customer's latest words, for an update. */
  detail: string | null;
}

export type DispatchStatus = 'notifying' | 'acknowledged' | 'unacknowledged' | 'closed';

export type TimelineEvent =
  | 'notified'
  | 'notice_failed'
  | 'voice_call'
  | 'acknowledged'
  | 'escalated'
  | 'unacknowledged'
  | 'called_customer'
  | 'details_sent'
  | 'stood_down'
  | 'technician_message'
  | 'declined'
  | 'released'
  | 'closed';

/** One recorded step of a dispatch, with the workflow time it happened. */
export interface TimelineEntry {
  at: string;
  event: TimelineEvent;
  /** The responder the step concerns, if any. */
  responder?: Responder;
  /** Details, e.g. the delivery status or the technician's words. */
  detail?: string;
}

/** The dispatch as the conversation and `GET /api/conversations/:phone` show it. */
export interface DispatchSummary {
  workflowId: string;
  /** Grows with every change, so the conversation keeps only the newest summary. */
  revision: number;
  status: DispatchStatus;
  urgency: DispatchUrgency;
  afterHours: boolean;
  customerOptedOut: boolean;
  chain: Responder[];
  /** The responder who acknowledged, else the one notified last; null before any notice. */
  holder: Responder | null;
  acknowledgedBy: Responder | null;
  /** When the customer's emergency text arrived. */
  reportedAt: string;
  notifiedAt: string | null;
  acknowledgedAt: string | null;
  calledCustomerAt: string | null;
  closedAt: string | null;
  timeline: TimelineEntry[];
  /** Settings problems met while planning the dispatch. */
  warnings: string[];
}

/**
 * The meaning of a responder's text: take the job, report the call, give the job back or turn
 * it down (`release`, such as "can't make it"), or anything else.
 */
export type TechnicianIntent = 'acknowledge' | 'called' | 'release' | 'other';

/** A text from a responder's phone, routed to the dispatch last notified to that phone. */
export interface TechnicianReply {
  messageId: string;
  phone: string;
  text: string;
  at: string;
  intent: TechnicianIntent;
}

/** Details the customer added after the dispatch started, for the responder holding it. */
export interface DispatchDetails {
  messageId: string;
  text: string;
  at: string;
  address: string | null;
  zip: string | null;
  /** Set when the customer's later message is more urgent, e.g. a gas smell after a leak. */
  urgency?: DispatchUrgency;
  customerOptedOut?: boolean;
}

export const technicianReplySignal = defineSignal<[TechnicianReply]>('technicianReply');
export const dispatchDetailsSignal = defineSignal<[DispatchDetails]>('dispatchDetails');
/** Sent by the dispatch to its conversation whenever its summary changes. */
export const dispatchProgressSignal = defineSignal<[DispatchSummary]>('dispatchProgress');
export const dispatchStateQuery = defineQuery<DispatchSummary>('dispatchState');
