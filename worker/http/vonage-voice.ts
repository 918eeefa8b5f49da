import type { FastifyInstance, FastifyRequest } from 'fastify';
import answerSchema from '../../schemas/webhooks/vonage-voice-answer.schema.json' with { type: 'json' };
import eventSchema from '../../schemas/webhooks/vonage-voice-event.schema.json' with { type: 'json' };
import recordingSchema from '../../schemas/webhooks/vonage-voice-recording.schema.json' with { type: 'json' };
import { countryOf, toE164 } from '../phone.ts';
import type { ServerDeps } from './deps.ts';
import { eventTime, handOffInbound, handOffMissedCall } from './handoff.ts';
import { downloadTranscript } from './transcripts.ts';
import { cleanText } from './vonage-messages.ts';

/** Statuses of the forwarded leg that mean nobody at the office picked up. */
export const MISSED_CALL_STATUSES = new Set([
  'timeout',
  'unanswered',
  'busy',
  'rejected',
  'failed',
  'cancelled',
  'machine',
]);

function seconds(duration: string | undefined, fallback: number): number {
  const match = duration?.match(/^(\d+)(ms|s|m|h)$/);
  if (!match) return fallback;
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.max(1, Math.round(Number(match[1]) * factor));
}

function baseUrl(deps: ServerDeps, request: FastifyRequest): string {
  return deps.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Builds the voicemail after an unanswered forward: a greeting, then a transcribed recording. */
/**
 * Builds the voicemail NCCO for a missed call. The default greeting promises a text, except to
 * a caller who opted out of texts, who will get none.
 */
function voicemailNcco(deps: ServerDeps, request: FastifyRequest, optedOut = false) {
  const voice = deps.settings.voice ?? {};
  if (voice.voicemail === false) return [];
  const recordingUrl = `${baseUrl(deps, request)}/webhooks/vonage/voice/recording`;
  const promise = optedOut ? '' : 'We will text you in a moment. ';
  const greeting =
    voice.greeting ??
    `Thanks for calling ${deps.settings.company.name}. We can't pick up right now. ` +
      `${promise}To leave a message, speak after the tone.`;
  return [
    { action: 'talk', text: greeting, language: 'en-US' },
    {
      action: 'record',
      beepStart: true,
      endOnSilence: 3,
      endOnKey: '#',
      timeOut: seconds(voice.voicemailMaxLength, 120),
      eventUrl: [recordingUrl],
      transcription: { eventUrl: [recordingUrl], language: 'en-US' },
    },
  ];
}

export async function vonageVoiceRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const country = countryOf(deps.settings.company.phone);

  const answer = (request: FastifyRequest, call: Record<string, string>) => {
    // The call is forwarded whatever else is wrong, so the office phone always rings.
    if (call.from) {
      deps.ledger.recordCallLeg(
        call.conversation_uuid,
        call.from,
        call.to,
        new Date().toISOString(),
      );
    }
    const voice = deps.settings.voice ?? {};
    const office = voice.officePhone ?? deps.settings.company.phone;
    return [
      {
        action: 'connect',
        from: call.to,
        timeout: seconds(voice.ringTimeout, 20),
        // Synchronous: the event for an unanswered forward returns the voicemail NCCO, so a
        // caller whose call was answered never hears the voicemail greeting afterwards.
        eventType: 'synchronous',
        eventUrl: [`${baseUrl(deps, request)}/webhooks/vonage/voice/event`],
        endpoint: [{ type: 'phone', number: office.replace(/^\+/, '') }],
      },
    ];
  };
  // Vonage calls the answer URL with GET by default and with POST when so configured.
  app.get(
    '/webhooks/vonage/voice/answer',
    { schema: { querystring: answerSchema } },
    async (request) => answer(request, request.query as Record<string, string>),
  );
  app.post('/webhooks/vonage/voice/answer', { schema: { body: answerSchema } }, async (request) =>
    answer(request, request.body as Record<string, string>),
  );

  app.post(
    '/webhooks/vonage/voice/event',
    { schema: { body: eventSchema } },
    async (request, reply) => {
      const event = request.body as Record<string, string>;
      const leg = deps.ledger.callerOf(event.conversation_uuid);
      const isForwardedLeg = event.direction !== 'inbound';
      if (!MISSED_CALL_STATUSES.has(event.status) || !isForwardedLeg) return reply.code(204).send();
      if (!leg) {
        // Only calls that came through the answer webhook can be missed; an unanswered call the
        // server placed itself, such as a technician's voice notice, is no customer's call.
        deps.logger.info(
          { conversationUuid: event.conversation_uuid, status: event.status },
          'event for a call not answered here: ignored',
        );
        return reply.code(204).send();
      }

      let phone: string;
      try {
        phone = toE164(leg.caller, country, true);
      } catch {
        deps.logger.warn(
          { conversationUuid: event.conversation_uuid },
          'missed call with no caller id: no text',
        );
        return voicemailNcco(deps, request);
      }
      await handOffMissedCall(deps, phone, {
        callId: event.conversation_uuid,
        at: eventTime(deps, 'timestamp', event.timestamp),
        source: 'vonage',
      });
      return voicemailNcco(deps, request, deps.ledger.isOptedOut(deps.settings.id, phone));
    },
  );

  app.post(
    '/webhooks/vonage/voice/recording',
    { schema: { body: recordingSchema } },
    async (request, reply) => {
      const body = request.body as Record<string, string>;
      if (!body.text && body.transcription_url && !deps.vonage) {
        deps.logger.warn('transcription received but no Vonage credentials to download it');
        return reply.code(204).send();
      }
      const transcript =
        body.text ??
        (body.transcription_url
          ? await downloadTranscript(body.transcription_url, deps.vonage!)
          : null);
      const text = transcript ? cleanText(transcript) : '';
      if (!text) return reply.code(204).send();

      const leg = deps.ledger.callerOf(body.conversation_uuid);
      if (!leg)
        return reply
          .code(404)
          .send({ error: `no call with conversation_uuid '${body.conversation_uuid}'` });
      const phone = toE164(leg.caller, country, true);
      const at = eventTime(deps, 'end_time', body.end_time);
      await handOffInbound(deps, phone, {
        messageId: `voicemail:${body.conversation_uuid}`,
        text,
        at,
        channel: 'voicemail',
      });
      return reply.code(204).send();
    },
  );
}
