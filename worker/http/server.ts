import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { JwtPayload } from 'jsonwebtoken';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { PhoneError } from '../phone.ts';
import { apiRoutes } from './api.ts';
import type { ServerDeps } from './deps.ts';
import { HandoffError } from './handoff.ts';
import { TranscriptError } from './transcripts.ts';
import { verifyPayloadHash, verifyVonageToken } from './signature.ts';
import { vonageMessagesRoutes, type InboundRouter } from './vonage-messages.ts';
import { vonageVoiceRoutes } from './vonage-voice.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
    /** Claims of the webhook's verified signature token, set before the body is parsed. */
    signatureClaims?: JwtPayload;
  }
}

export interface ServerOptions extends ServerDeps {
  routeInbound?: InboundRouter;
  /** Extra route plugins, such as the editor's. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/** Builds the HTTP server: Vonage webhooks, the missed-call API, conversations, health, metrics. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Request lines would carry phone numbers in URLs; webhooks log their own masked events.
    logController: new LogController({ disableRequestLogging: true }),
  }) as unknown as FastifyInstance;

  // Webhook schemas are draft 2020-12, like every schema in schemas/.
  const ajv = new Ajv2020({
    allErrors: true,
    coerceTypes: 'array',
    useDefaults: true,
    strict: false,
  });
  addFormats.default(ajv);
  // Bodies are JSON and keep their types; query strings are text, so they are coerced.
  const strictAjv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false });
  addFormats.default(strictAjv);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? strictAjv.compile(schema) : ajv.compile(schema),
  );

  // Keep the raw body: a signed webhook's payload_hash is computed over the exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    if ((body as string).length === 0) return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      const invalid = new Error(
        `body is not valid JSON: ${(error as Error).message}`,
      ) as FastifyError;
      invalid.statusCode = 400;
      done(invalid, undefined);
    }
  });

  if (options.signatureSecret) {
    const secret = options.signatureSecret;
    // The matched route, not the raw URL, which may spell the same path percent-encoded.
    const isWebhook = (request: FastifyRequest) =>
      request.routeOptions.url?.startsWith('/webhooks/vonage/') ?? false;
    const reject = (request: FastifyRequest, reply: FastifyReply, reason: string) => {
      options.metrics.rejectedWebhooks.inc({ route: routeOf(request), reason: 'signature' });
      options.logger.warn({ url: request.url, problem: reason }, 'webhook rejected: bad signature');
      return reply.code(401).send({ error: 'unauthorized', message: reason });
    };

    // The token is checked before the body is parsed, so an unsigned request gets 401 whatever
    // its body. The payload hash needs the raw body, so it is checked after parsing.
    app.addHook('onRequest', async (request, reply) => {
      if (!isWebhook(request)) return;
      const token = verifyVonageToken(request.headers.authorization, secret);
      if (!token.ok) return reject(request, reply, token.reason);
      request.signatureClaims = token.claims;
    });
    app.addHook('preValidation', async (request, reply) => {
      if (!isWebhook(request) || !request.signatureClaims) return;
      const check = verifyPayloadHash(request.signatureClaims, request.rawBody ?? '');
      if (!check.ok) return reject(request, reply, check.reason);
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    options.metrics.requestSeconds.observe(
      { route: routeOf(request), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const route = routeOf(request);
    if (error.validation || error instanceof PhoneError || error.statusCode === 400) {
      let message =
        error instanceof PhoneError ? error.message : error.message.replace(/^body\//, 'body.');
      if (message.includes('format "date-time"')) {
        message += ' (an ISO 8601 time with a zone, such as 2026-12-04T16:00:00Z)';
      }
      options.metrics.rejectedWebhooks.inc({ route, reason: 'invalid' });
      options.logger.warn({ url: request.url, problem: message }, 'request rejected: invalid body');
      return reply.code(400).send({ error: 'invalid request', message });
    }
    if (error instanceof TranscriptError) {
      options.logger.warn(
        { url: request.url, problem: error.message },
        'voicemail transcript not read',
      );
      return reply
        .code(error.status)
        .send({ error: 'transcript not read', message: error.message });
    }
    if (error instanceof HandoffError)
      return reply.code(503).send({ error: 'unavailable', message: error.message });
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: error.message });
    options.logger.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });

  await app.register(async (scope) => vonageVoiceRoutes(scope, options));
  await app.register(async (scope) => vonageMessagesRoutes(scope, options));
  await app.register(async (scope) => apiRoutes(scope, options));
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  return app;
}
