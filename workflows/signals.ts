import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ConversationState } from './state.ts';

/** A missed call from the customer; a call id already seen is ignored. */
export interface MissedCall {
  callId: string;
  at: string;
  source: 'vonage' | 'api' | 'simulate';
  voicemailTranscript?: string;
}

/** A text from the customer, or a voicemail transcript that arrived after the call. */
export interface InboundMessage {
  messageId: string;
  text: string;
  at: string;
  channel: 'sms' | 'voicemail';
}

export const missedCallSignal = defineSignal<[MissedCall]>('missedCall');
export const inboundMessageSignal = defineSignal<[InboundMessage]>('inboundMessage');
export const conversationStateQuery = defineQuery<ConversationState>('conversationState');
