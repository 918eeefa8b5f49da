import type { FastifyInstance } from 'fastify';
import inboundSchema from '../../schemas/webhooks/vonage-messages-inbound.schema.json' with { type: 'json' };
import statusSchema from '../../schemas/webhooks/vonage-messages-status.schema.json' with { type: 'json' };
import { countryOf, toE164 } from '../phone.ts';
import type { ServerDeps } from './deps.ts';
import { eventTime, handOffInbound } from './handoff.ts';

/** Routes an inbound text elsewhere before it reaches a customer conversation (technicians). */
export type InboundRouter = (
  phone: string,
  text: string,
  messageId: string,
  at: string,
) => Promise<boolean>;

/**
 * Maximum length of a text that a conversation reads. A concatenated SMS is at most a few thousand
 * characters, and classifying far longer bodies would swell the workflow's history.
 */
export const MAX_TEXT_LENGTH = 1600;

/** Drops control characters other than line breaks, trims, and cuts to MAX_TEXT_LENGTH. */
export function cleanText(raw: string): string {
  const printable = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return printable.trim().slice(0, MAX_TEXT_LENGTH);
}

export async function vonageMessagesRoutes(
  app: FastifyInstance,
  deps: ServerDeps & { routeInbound?: InboundRouter },
): Promise<void> {
  const country = countryOf(deps.settings.company.phone);

  app.post(
    '/webhooks/vonage/messages/inbound',
    { schema: { body: inboundSchema } },
    async (request, reply) => {
      const message = request.body as Record<string, string>;
      if (message.channel !== 'sms' || message.message_type !== 'text') {
        deps.logger.info(
          { channel: message.channel, type: message.message_type },
          'inbound message ignored: not an SMS text',
        );
        return reply.code(200).send({ ignored: 'only SMS text messages are handled' });
      }
      // Return 200 for what cannot be handled, since Vonage resends anything else for a day.
      let phone: string;
      try {
        phone = toE164(message.from, country, true);
      } catch {
        deps.logger.info(
          { messageId: message.message_uuid },
          'inbound text ignored: sender is not a phone number',
        );
        return reply
          .code(200)
          .send({ ignored: 'the sender is not a phone number that can be texted' });
      }
      const text = cleanText(message.text);
      if (text.length === 0) {
        deps.logger.info({ phone, messageId: message.message_uuid }, 'inbound text ignored: empty');
        return reply.code(200).send({ ignored: 'empty text' });
      }
      const at = eventTime(deps, 'timestamp', message.timestamp);
      if (deps.routeInbound && (await deps.routeInbound(phone, text, message.message_uuid, at))) {
        return reply.code(200).send({ routed: 'technician' });
      }
      const result = await handOffInbound(deps, phone, {
        messageId: message.message_uuid,
        text,
        at,
        channel: 'sms',
      });
      return reply.code(200).send({ result });
    },
  );

  app.post(
    '/webhooks/vonage/messages/status',
    { schema: { body: statusSchema } },
    async (request, reply) => {
      const status = request.body as Record<string, unknown>;
      deps.ledger.recordDeliveryReceipt(
        String(status.message_uuid),
        String(status.status),
        status.error ? JSON.stringify(status.error) : null,
        String(status.timestamp ?? new Date().toISOString()),
      );
      return reply.code(200).send({ recorded: true });
    },
  );
}
