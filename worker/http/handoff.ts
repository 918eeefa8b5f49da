import type { InboundMessage, MissedCall } from '../../workflows/signals.ts';
import { isStaffPhone } from '../technicians.ts';
import type { ServerDeps } from './deps.ts';

export class HandoffError extends Error {}

/**
 * Returns a webhook's event time as an ISO instant, or the time of receipt when the provider's
 * field is missing or not a date. A bad timestamp must not cost the message: the time only
 * chooses open hours or after hours, and receipt is seconds after the event.
 */
export function eventTime(deps: ServerDeps, field: string, value: string | undefined): string {
  const parsed = value === undefined ? null : new Date(value);
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed.toISOString();
  if (value !== undefined) {
    deps.logger.warn({ field, value: value.slice(0, 64) }, 'invalid timestamp: using receipt time');
  }
  return new Date().toISOString();
}

/**
 * Records a missed call in the ledger, then hands it to the caller's conversation. A call id
 * already handed off is skipped, so retried webhooks never text twice. A call that was recorded
 * but not handed off, because Temporal was unreachable, is handed off on the retry.
 */
export async function handOffMissedCall(
  deps: ServerDeps,
  phone: string,
  call: MissedCall,
): Promise<'started' | 'duplicate' | 'ignored'> {
  const isNew = deps.ledger.recordCall({
    businessId: deps.settings.id,
    phone,
    callId: call.callId,
    status: 'missed',
    source: call.source,
    at: call.at,
    voicemailTranscript: call.voicemailTranscript,
  });
  const sourceId = `call:${call.callId}`;
  if (deps.ledger.wasHandedOff(sourceId)) return 'duplicate';
  if (isStaffPhone(deps.settings, phone)) {
    // The business's own lines and its technicians are never texted a customer's opening.
    deps.logger.info({ phone, callId: call.callId }, 'missed call from a staff phone: no text');
    return 'ignored';
  }

  await signal(deps, () => deps.conversations.missedCall(phone, call));
  deps.ledger.recordHandoff(sourceId, deps.conversations.workflowId(phone));
  if (isNew) deps.metrics.missedCalls.inc({ source: call.source });
  deps.logger.info({ phone, callId: call.callId, source: call.source }, 'missed call');
  return 'started';
}

/** Records a customer's text in the ledger, then hands it to the conversation once. */
export async function handOffInbound(
  deps: ServerDeps,
  phone: string,
  message: InboundMessage,
): Promise<'started' | 'duplicate'> {
  deps.ledger.recordInbound({
    businessId: deps.settings.id,
    phone,
    text: message.text,
    providerId: message.messageId,
    conversationId: deps.conversations.workflowId(phone),
    at: message.at,
  });
  const sourceId = `message:${message.messageId}`;
  if (deps.ledger.wasHandedOff(sourceId)) return 'duplicate';

  await signal(deps, () => deps.conversations.inboundMessage(phone, message));
  deps.ledger.recordHandoff(sourceId, deps.conversations.workflowId(phone));
  deps.metrics.inboundMessages.inc();
  deps.logger.info(
    { phone, messageId: message.messageId, channel: message.channel },
    'inbound message',
  );
  return 'started';
}

async function signal(deps: ServerDeps, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    deps.metrics.handoffFailures.inc();
    deps.logger.error(
      { err: error },
      'handoff to temporal failed; recorded in the ledger, retry the webhook',
    );
    throw new HandoffError('conversation service unavailable; the event is recorded, retry later');
  }
}
