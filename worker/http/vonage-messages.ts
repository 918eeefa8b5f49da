import type { FastifyInstance } from 'fastify';
import inboundSchema from '../../schemas/webhooks/vonage-messages-inbound.schema.json' with { type: 'json' };
import statusSchema from '../../schemas/webhooks/vonage-messages-status.schema.json' with { type: 'json' };
import { countryOf, toE164 } from '../phone.ts';
import type { ServerDeps } from './deps.ts';
import { handOffInbound } from './handoff.ts';

/** Routes an inbound text elsewhere before it reaches a customer conversation (technicians). */
export type InboundRouter = (
  phone: string,
  text: string,
  messageId: string,
  at: string,
) => Promise<boolean>;

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
      const phone = toE164(message.from, country, true);
      const at = message.timestamp ?? new Date().toISOString();
      if (
        deps.routeInbound &&
        (await deps.routeInbound(phone, message.text, message.message_uuid, at))
      ) {
        return reply.code(200).send({ routed: 'technician' });
      }
      const result = await handOffInbound(deps, phone, {
        messageId: message.message_uuid,
        text: message.text,
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
