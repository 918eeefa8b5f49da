import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { condition, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Decision } from '../engine/index.ts';
import { activities, localActivities } from './activities.ts';
import type { SendResult } from '../worker/activities/messaging.ts';
import { onJobRequest, onOtherReply } from './booking.ts';
import type { ConversationHandle } from './conversation-handle.ts';
import { onDispatchUpdate, onEmergency } from './emergency.ts';
import {
  conversationStateQuery,
  inboundMessageSignal,
  missedCallSignal,
  type InboundMessage,
  type MissedCall,
} from './signals.ts';
import {
  isMoreUrgent,
  mergeClassification,
  newConversationState,
  type ConversationInput,
  type ConversationState,
} from './state.ts';

/** The maximum number of texts a customer gets in a row without replying. */
const MAX_UNANSWERED_TEXTS = 2;

/**
 * Runs one conversation per business and caller. Signal-with-start begins it on a missed call or
 * an inbound text, and later calls and texts from the same number join it. It texts back,
 * triages each reply, and stops messaging when the customer goes quiet, opts out, or the job is
 * settled.
 */
export async function conversationWorkflow(input: ConversationInput): Promise<ConversationState> {
  const info = workflowInfo();
  const state = newConversationState(info.workflowId, input, new Date().toISOString());
  const pendingCalls: MissedCall[] = [];
  const inbox: InboundMessage[] = [];
  const seen = new Set<string>();
  let sequence = 0;
  let lastOutboundAt = Date.now();

  setHandler(conversationStateQuery, () => state);
  setHandler(missedCallSignal, (call) => {
    if (seen.has(`call:${call.callId}`)) return;
    seen.add(`call:${call.callId}`);
    pendingCalls.push(call);
  });
  setHandler(inboundMessageSignal, (message) => {
    if (seen.has(`message:${message.messageId}`)) return;
    seen.add(`message:${message.messageId}`);
    inbox.push(message);
  });

  const conversation: ConversationHandle = {
    state,
    previousUrgency: 'none',
    note: (action) => {
      const latest = state.decisions.at(-1);
      if (latest) latest.action = latest.action ? `${latest.action}; ${action}` : action;
    },
    text: async (templateId, purpose, vars, variant) => {
      // Carriers expect a confirmation of STOP and a reply to HELP, whatever the consent.
      const keywordReply = purpose === 'optout_confirmation' || purpose === 'help';
      if (state.optedOut && !keywordReply) return false;
      if (state.unansweredTexts >= MAX_UNANSWERED_TEXTS && !keywordReply) {
        log.info('text skipped: unanswered limit', { templateId });
        return false;
      }
      const key = `${info.workflowId}/${info.runId}/${++sequence}`;
      const outbound = { direction: 'out', channel: 'sms', templateId } as const;
      let result: SendResult;
      try {
        result = await localActivities.sendTemplate({
          conversationId: info.workflowId,
          phone: state.phone,
          templateId,
          vars,
          variant,
          purpose,
          key,
          allowWhenOptedOut: keywordReply,
        });
      } catch (error) {
        // A number Vonage rejects, or an outage past the retries, loses this text but must not
        // end the conversation or hold up a dispatch. The ledger has each failed attempt.
        log.warn('text not sent', { templateId, error: (error as Error).message });
        const at = new Date().toISOString();
        state.transcript.push({ ...outbound, text: '', at, status: 'failed' });
        return false;
      }
      const at = new Date().toISOString();
      const sent = { ...outbound, templateId: result.templateId ?? templateId };
      state.transcript.push({ ...sent, text: result.text, at, status: result.status });
      if (result.status === 'suppressed') return false;
      state.unansweredTexts += 1;
      lastOutboundAt = Date.now();
      return true;
    },
  };

  await condition(() => pendingCalls.length > 0 || inbox.length > 0);
  const firstAt = pendingCalls[0]?.at ?? inbox[0].at;
  const context = await localActivities.conversationContext({ phone: state.phone, at: firstAt });
  Object.assign(state, {
    period: context.period,
    afterHours: context.afterHours,
    holiday: context.holiday,
    optedOut: context.optedOut,
    status: context.optedOut ? 'opted_out' : 'active',
  });

  async function handleCalls(): Promise<void> {
    while (pendingCalls.length > 0) {
      const call = pendingCalls.shift()!;
      state.calls.push(call);
      if (call.voicemailTranscript) inbox.push(voicemailMessage(call));
      if (state.calls.length > 1 || state.transcript.length > 0) continue;
      if (state.optedOut) {
        log.info('missed call from an opted-out number: no text');
        continue;
      }
      await sendOpening(call);
    }
  }

  async function sendOpening(call: MissedCall): Promise<void> {
    const voicemail = call.voicemailTranscript ? excerpt(call.voicemailTranscript) : null;
    const templateId = `opening_${context.period}${voicemail ? '_voicemail' : ''}`;
    await conversation.text(templateId, 'opening', voicemail ? { voicemail } : {});
  }

  async function handleMessage(message: InboundMessage): Promise<void> {
    state.transcript.push({
      direction: 'in',
      channel: message.channel,
      text: message.text,
      at: message.at,
    });
    if (message.channel === 'voicemail') state.voicemailTranscript = message.text;
    state.unansweredTexts = 0;
    if (state.status === 'quiet') state.status = 'active';

    const decision = await activities.classifyMessage({
      text: message.text,
      afterHours: state.afterHours,
    });
    recordDecision(message, decision);
    conversation.previousUrgency = state.classification?.urgency ?? 'none';
    state.classification = mergeClassification(state.classification, decision);
    await routeDecision(message, decision);
  }

  function recordDecision(message: InboundMessage, decision: Decision): void {
    state.decisions.push({
      messageId: message.messageId,
      at: message.at,
      text: message.text,
      decision,
      action: '',
    });
    if (!state.rulesHashes.includes(decision.rulesHash)) state.rulesHashes.push(decision.rulesHash);
    if (decision.zip) state.customer.zip = decision.zip;
  }

  async function routeDecision(message: InboundMessage, decision: Decision): Promise<void> {
    if (decision.keyword === 'STOP') {
      await optOut(message, isEmergency(decision) || state.needsDispatch);
      if (isEmergency(decision)) {
        await onEmergency(conversation, decision, message);
      } else if (state.needsDispatch) {
        // The dispatch notices must now ask the technician to call, not text.
        await onDispatchUpdate(conversation, decision, message);
      }
      return;
    }
    if (decision.keyword === 'START') {
      await optIn(message);
      // The dispatch notices may go back to "call or text" the customer.
      if (state.needsDispatch) await onDispatchUpdate(conversation, decision, message);
      return;
    }
    if (decision.keyword === 'HELP') {
      await conversation.text('help', 'help');
      conversation.note('help text');
      return;
    }
    if (state.optedOut) {
      // No texts go to an opted-out number, but an emergency still gets a technician, whose
      // notice asks for a call rather than a text.
      if (isEmergency(decision)) return onEmergency(conversation, decision, message);
      if (state.needsDispatch) return onDispatchUpdate(conversation, decision, message);
      conversation.note('opted out: recorded, no reply');
      return;
    }
    await triage(decision, message);
  }

  async function triage(decision: Decision, message: InboundMessage): Promise<void> {
    const moreUrgent = isMoreUrgent(decision.urgency, conversation.previousUrgency);
    if (state.needsDispatch && !moreUrgent)
      return onDispatchUpdate(conversation, decision, message);
    switch (decision.urgency) {
      case 'gas':
      case 'emergency':
        return onEmergency(conversation, decision, message);
      case 'sewer':
      case 'routine':
        return onJobRequest(conversation, decision, message);
      default:
        return onOtherReply(conversation, decision, message);
    }
  }

  /** Records an opt-out and confirms it, telling a customer with an emergency it still runs. */
  async function optOut(message: InboundMessage, emergency: boolean): Promise<void> {
    const { alreadyOptedOut } = await activities.recordOptOut({
      phone: state.phone,
      wording: message.text,
      at: message.at,
    });
    state.optedOut = true;
    state.status = 'opted_out';
    state.outcome = 'opted_out';
    if (alreadyOptedOut) {
      conversation.note('opt-out repeated: recorded, no second confirmation');
      return;
    }
    const templateId = emergency ? 'optout_confirmation_dispatch' : 'optout_confirmation';
    await conversation.text(templateId, 'optout_confirmation');
    conversation.note(`opted out: ${templateId} sent`);
  }

  async function optIn(message: InboundMessage): Promise<void> {
    await activities.recordOptIn({ phone: state.phone, wording: message.text, at: message.at });
    state.optedOut = false;
    state.status = 'active';
    state.outcome = null;
    await conversation.text('resubscribed', 'resubscribed');
    conversation.note('opted back in: confirmation sent');
  }

  async function drain(): Promise<void> {
    while (pendingCalls.length > 0 || inbox.length > 0) {
      await handleCalls();
      const message = inbox.shift();
      if (message) await handleMessage(message);
    }
  }

  const replyWindow = msToNumber(context.timers.replyWindow as Duration);
  const followUp = context.timers.followUp ? msToNumber(context.timers.followUp as Duration) : null;
  const hasWork = () => pendingCalls.length > 0 || inbox.length > 0;

  await drain();
  for (;;) {
    if (await condition(hasWork, replyWindow)) {
      await drain();
      continue;
    }
    state.status = state.optedOut ? 'opted_out' : 'quiet';
    if (!mayFollowUp(state, followUp)) break;

    const untilFollowUp = Math.max(0, lastOutboundAt + followUp! - Date.now());
    if (await condition(hasWork, untilFollowUp)) continue;
    state.followUpSent = true;
    await conversation.text('follow_up', 'follow_up');
  }

  if (!state.outcome) state.outcome = state.optedOut ? 'opted_out' : 'no_reply';
  if (state.status !== 'opted_out') state.status = 'closed';
  return state;
}

/** Allows one follow-up at most, while nothing is settled and the unanswered limit allows it. */
function mayFollowUp(state: ConversationState, followUp: number | null): boolean {
  if (followUp === null || state.followUpSent || state.optedOut || state.outcome) return false;
  if (state.needsDispatch || state.booking || state.dispatch) return false;
  return state.unansweredTexts < MAX_UNANSWERED_TEXTS;
}

function isEmergency(decision: Decision): boolean {
  return decision.urgency === 'gas' || decision.urgency === 'emergency';
}

function voicemailMessage(call: MissedCall): InboundMessage {
  return {
    messageId: `voicemail:${call.callId}`,
    text: call.voicemailTranscript!,
    at: call.at,
    channel: 'voicemail',
  };
}

function excerpt(transcript: string): string {
  const clean = transcript.replace(/\s+/g, ' ').trim();
  return clean.length <= 60 ? clean : `${clean.slice(0, 57).trimEnd()}...`;
}
