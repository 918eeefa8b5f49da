import type { FastifyInstance } from 'fastify';
import missedCallSchema from '../../schemas/webhooks/missed-call.schema.json' with { type: 'json' };
import { countryOf, toE164 } from '../phone.ts';
import { checkAccess, type Guard } from '../../editor/server/access.ts';
import type { ServerDeps } from './deps.ts';
import { cleanText } from './vonage-messages.ts';
import { handOffMissedCall } from './handoff.ts';

interface MissedCallBody {
  from: string;
  to?: string;
  at?: string;
  callId?: string;
  voicemailTranscript?: string;
}

const API_GUARD: Guard = {
  api: 'ringback API',
  tokenVariable: 'RINGBACK_API_TOKEN',
  realm: 'ringback-api',
};

export async function apiRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  // Conversations hold customers' numbers and texts, and a forged missed call would make the
  // server text any number: without a token, only clients on this machine may use /api.
  app.addHook('onRequest', async (request, reply) => {
    // The matched route, not the raw URL: the router decodes /%61pi/outbox to /api/outbox.
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    if (checkAccess(request, reply, deps.apiToken, API_GUARD)) return;
    deps.metrics.rejectedWebhooks.inc({ route: request.url.split('?')[0], reason: 'access' });
    deps.logger.warn(
      { url: request.url.split('?')[0], status: reply.statusCode },
      'api request rejected',
    );
    return reply;
  });

  const country = countryOf(deps.settings.company.phone);
  const phoneParam = (raw: string) => toE164(decodeURIComponent(raw), country);

  app.post('/api/calls/missed', { schema: { body: missedCallSchema } }, async (request, reply) => {
    const body = request.body as MissedCallBody;
    const phone = toE164(body.from, country, false, 'from');
    const at = body.at ?? new Date().toISOString();
    const callId = body.callId ?? `api:${phone}:${at}`;
    const result = await handOffMissedCall(deps, phone, {
      callId,
      at,
      source: 'api',
      voicemailTranscript: body.voicemailTranscript
        ? cleanText(body.voicemailTranscript)
        : undefined,
    });
    return reply.code(202).send({ conversation: deps.conversations.workflowId(phone), result });
  });

  app.get('/api/conversations/:phone', async (request, reply) => {
    const phone = phoneParam((request.params as { phone: string }).phone);
    const [state, messages] = [
      await deps.conversations.state(phone),
      deps.ledger.messages(deps.settings.id, phone),
    ];
    const consent = deps.ledger.consentHistory(deps.settings.id, phone);
    if (!state && messages.length === 0 && consent.length === 0) {
      return reply.code(404).send({ error: `no conversation with ${phone}` });
    }
    return {
      phone,
      workflowId: deps.conversations.workflowId(phone),
      status: state?.status ?? null,
      optedOut: deps.ledger.isOptedOut(deps.settings.id, phone),
      classification: state?.classification ?? null,
      rulesHashes: state?.rulesHashes ?? [],
      needsDispatch: state?.needsDispatch ?? false,
      dispatch: state?.dispatch ?? null,
      booking: state?.booking ?? null,
      outcome: state?.outcome ?? null,
      customer: state?.customer ?? null,
      voicemailTranscript: state?.voicemailTranscript ?? null,
      calls: deps.ledger.calls(deps.settings.id, phone),
      transcript: messages.filter((message) => message.status !== 'sending'),
      consent,
      decisions: state?.decisions ?? [],
    };
  });

  const outboxQuery = {
    type: 'object',
    properties: { after: { type: 'integer', minimum: 0 }, phone: { type: 'string' } },
  };
  app.get('/api/outbox', { schema: { querystring: outboxQuery } }, async (request) => {
    const query = request.query as { after?: string; phone?: string };
    const phone = query.phone ? phoneParam(query.phone) : undefined;
    return { messages: deps.ledger.outbox(Number(query.after ?? 0), phone) };
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
