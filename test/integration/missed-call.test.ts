import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateKeyPairSync } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../worker/activities/index.ts';
import { ConversationGateway } from '../../worker/conversations.ts';
import { createMetrics } from '../../worker/http/metrics.ts';
import { buildServer } from '../../worker/http/server.ts';
import { signVonageWebhook } from '../../worker/http/signature.ts';
import { createLogger } from '../../worker/logger.ts';
import { createTestWorker, startDevServer, testDeps } from '../support/harness.ts';
import { VonageStandIn } from '../support/vonage-stand-in.ts';

const SECRET = 'signature-secret-for-tests';
const BUSINESS_NUMBER = '13125550100';

let env: TestWorkflowEnvironment;
let standIn: VonageStandIn;
let deps: ActivityDeps;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let base: string;
let logLines: string[] = [];
let gateway: ConversationGateway;

beforeAll(async () => {
  env = await startDevServer();
  standIn = await new VonageStandIn().start();
  deps = testDeps({ standIn });
  let taskQueue: string;
  ({ worker, taskQueue } = await createTestWorker(env, deps));
  running = worker.run();

  const logger = createLogger({ write: (line: string) => logLines.push(line) });
  app = await buildServer({
    settings: deps.settings,
    ledger: deps.ledger,
    conversations: (gateway = new ConversationGateway(env.client, taskQueue, deps.settings.id)),
    logger,
    metrics: createMetrics(),
    signatureSecret: SECRET,
    vonage: {
      applicationId: 'test-app',
      privateKey: testPrivateKey(),
      apiHost: standIn.url,
      timeoutMs: 5000,
    },
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await standIn?.stop();
});

async function webhook(path: string, body: unknown, sign = true): Promise<Response> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign) headers.authorization = signVonageWebhook(raw, SECRET);
  return fetch(`${base}${path}`, { method: 'POST', headers, body: raw });
}

function inbound(from: string, text: string, uuid = crypto.randomUUID()) {
  return {
    message_uuid: uuid,
    from,
    to: BUSINESS_NUMBER,
    channel: 'sms',
    message_type: 'text',
    text,
    timestamp: new Date().toISOString(),
  };
}

async function conversation(phone: string) {
  const response = await fetch(`${base}/api/conversations/${encodeURIComponent(phone)}`);
  return { status: response.status, body: await response.json() };
}

describe('missed call through Vonage Voice on a real Temporal server', () => {
  const caller = '13125557001';
  const conversationUuid = 'CON-0f3c-answer-test';

  it('answers with an NCCO that forwards to the office with the ring timeout', async () => {
    const response = await webhook('/webhooks/vonage/voice/answer', {
      from: caller,
      to: BUSINESS_NUMBER,
      uuid: 'leg-in-1',
      conversation_uuid: conversationUuid,
    });
    const ncco = await response.json();

    expect(response.status).toBe(200);
    expect(ncco[0].action).toBe('connect');
    expect(ncco[0].timeout).toBe(20);
    expect(ncco[0].endpoint[0]).toEqual({ type: 'phone', number: '13125550150' });
  });

  it('forward timeout texts the caller', async () => {
    const sentAt = performance.now();
    const response = await webhook('/webhooks/vonage/voice/event', {
      status: 'timeout',
      direction: 'outbound',
      uuid: 'leg-out-1',
      conversation_uuid: conversationUuid,
      from: BUSINESS_NUMBER,
      to: '13125550150',
      timestamp: '2026-12-04T16:00:00.000Z',
    });
    const ncco = await response.json();
    const [opening] = await standIn.waitForMessages(1, caller);

    expect(ncco.map((action: { action: string }) => action.action)).toEqual(['talk', 'record']);
    expect(ncco[1].transcription.eventUrl[0]).toContain('/webhooks/vonage/voice/recording');
    expect(opening.text).toContain('Apex Plumbing');
    expect(opening.receivedAt).toBeGreaterThan(sentAt);
    console.log(
      `missed-call event to SMS at the stand-in: ${(opening.receivedAt - sentAt).toFixed(0)} ms`,
    );
  });

  it('ignores a retried event webhook for the same call', async () => {
    const response = await webhook('/webhooks/vonage/voice/event', {
      status: 'timeout',
      direction: 'outbound',
      uuid: 'leg-out-1',
      conversation_uuid: conversationUuid,
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(response.status).toBe(200);
    expect(standIn.textsTo(caller)).toHaveLength(1);
  });

  it('reads the voicemail transcription and triages it', async () => {
    standIn.transcripts.set('tr-1', 'Hi, water is spraying from a burst pipe in my basement');
    const response = await webhook('/webhooks/vonage/voice/recording', {
      conversation_uuid: conversationUuid,
      recording_uuid: 'rec-1',
      status: 'transcribed',
      transcription_url: `${standIn.url}/v1/files/tr-1`,
    });
    const texts = await standIn.waitForMessages(2, caller);
    const { body } = await conversation(`+${caller}`);

    expect(response.status).toBe(204);
    expect(body.voicemailTranscript).toContain('burst pipe');
    expect(body.classification.urgency).toBe('emergency');
    expect(texts[1].text.toLowerCase()).toContain('shut');
  });

  it('ignores an unanswered call it placed itself', async () => {
    const response = await webhook('/webhooks/vonage/voice/event', {
      status: 'unanswered',
      direction: 'outbound',
      uuid: 'notice-leg',
      conversation_uuid: 'CON-notice',
      from: BUSINESS_NUMBER,
      to: '13125550122',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(response.status).toBe(204);
    expect(standIn.textsTo(BUSINESS_NUMBER)).toHaveLength(0);
    expect(standIn.textsTo('13125550122')).toHaveLength(0);
  });

  it('ignores events that are not a missed forward', async () => {
    const response = await webhook('/webhooks/vonage/voice/event', {
      status: 'answered',
      direction: 'outbound',
      conversation_uuid: 'CON-answered',
    });
    expect(response.status).toBe(204);
  });
});

describe('two-way texting through the Messages API webhooks', () => {
  const caller = '13125557002';

  it('starts from the generic missed-call endpoint and replies to a routine job', async () => {
    const started = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '(312) 555-7002', at: '2026-12-04T16:00:00.000Z' }),
    });
    await standIn.waitForMessages(1, caller);
    const message = inbound(caller, 'kitchen sink drain is slow');
    await webhook('/webhooks/vonage/messages/inbound', message);
    await standIn.waitForMessages(2, caller);
    await webhook('/webhooks/vonage/messages/inbound', message);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { status, body } = await conversation(`+${caller}`);

    expect(started.status).toBe(202);
    expect(standIn.textsTo(caller)).toHaveLength(2);
    expect(status).toBe(200);
    expect(body.classification.urgency).toBe('routine');
    expect(body.classification.jobType).toBe('Drain/Sewer');
    expect(body.transcript.map((row: { direction: string }) => row.direction)).toEqual([
      'out',
      'in',
      'out',
    ]);
    expect(body.rulesHashes[0]).toMatch(/^[0-9a-f]{16,}$/);
  });

  it('greets an opted-out caller without promising a text', async () => {
    const caller = '13125557005';
    await webhook('/webhooks/vonage/messages/inbound', inbound(caller, 'STOP'));
    await standIn.waitForMessages(1, caller);
    await webhook('/webhooks/vonage/voice/answer', {
      from: caller,
      to: BUSINESS_NUMBER,
      uuid: 'leg-in-optout',
      conversation_uuid: 'CON-optout-greeting',
    });
    const response = await webhook('/webhooks/vonage/voice/event', {
      status: 'timeout',
      direction: 'outbound',
      uuid: 'leg-out-optout',
      conversation_uuid: 'CON-optout-greeting',
    });
    const [talk] = await response.json();

    expect(talk.action).toBe('talk');
    expect(talk.text).toContain('To leave a message');
    expect(talk.text).not.toContain('text you');
  });

  it('takes a text whose timestamp is not a date', async () => {
    const sender = '13125557004';
    const badTime = { ...inbound(sender, 'toilet keeps running'), timestamp: 'not a time' };
    const response = await webhook('/webhooks/vonage/messages/inbound', badTime);
    await standIn.waitForMessages(1, sender);
    await webhook('/webhooks/vonage/messages/inbound', inbound(sender, 'STOP'));
    await standIn.waitForMessages(2, sender);
    const { body } = await conversation(`+${sender}`);

    expect(response.status).toBe(200);
    expect(body.classification.jobType).toBe('Fixture Repair');
    expect(body.optedOut).toBe(true);
    expect(logLines.join('\n')).toContain('invalid timestamp: using receipt time');
  });

  it('honours STOP at once and sends nothing after a later call', async () => {
    const optOutCaller = '13125557003';
    await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: `+${optOutCaller}`, callId: 'generic-1' }),
    });
    await standIn.waitForMessages(1, optOutCaller);
    await webhook('/webhooks/vonage/messages/inbound', inbound(optOutCaller, 'Stop.'));
    await standIn.waitForMessages(2, optOutCaller);
    await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: `+${optOutCaller}`, callId: 'generic-2' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { body } = await conversation(`+${optOutCaller}`);

    expect(standIn.textsTo(optOutCaller)).toHaveLength(2);
    expect(body.optedOut).toBe(true);
    expect(body.consent[0]).toMatchObject({ action: 'opt_out', wording: 'Stop.' });
    expect(body.calls).toHaveLength(2);
  });
});

describe('webhook security and validation', () => {
  it('rejects an unsigned webhook with 401 and starts nothing', async () => {
    const response = await webhook(
      '/webhooks/vonage/messages/inbound',
      inbound('13125557010', 'hi'),
      false,
    );
    expect(response.status).toBe(401);
    expect((await conversation('+13125557010')).status).toBe(404);
  });

  it('rejects a webhook whose body does not match the signed payload hash', async () => {
    const signed = JSON.stringify(inbound('13125557011', 'original'));
    const response = await fetch(`${base}/webhooks/vonage/messages/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signVonageWebhook(signed, SECRET),
      },
      body: JSON.stringify(inbound('13125557011', 'tampered')),
    });
    expect(response.status).toBe(401);
  });

  it('rejects a webhook signed with another secret', async () => {
    const raw = JSON.stringify(inbound('13125557012', 'hi'));
    const response = await fetch(`${base}/webhooks/vonage/messages/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signVonageWebhook(raw, 'wrong-secret'),
      },
      body: raw,
    });
    expect(response.status).toBe(401);
  });

  it('malformed body gets 400 naming the field', async () => {
    logLines = [];
    const response = await webhook('/webhooks/vonage/messages/inbound', {
      message_uuid: 'x',
      to: BUSINESS_NUMBER,
    });
    const body = await response.json();
    const health = await fetch(`${base}/healthz`);

    expect(response.status).toBe(400);
    expect(body.message).toContain('from');
    expect(logLines.some((line) => line.includes('request rejected'))).toBe(true);
    expect(health.status).toBe(200);
  });

  it('answers invalid JSON with 400', async () => {
    const raw = '{"message_uuid": ';
    const response = await fetch(`${base}/webhooks/vonage/messages/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signVonageWebhook(raw, SECRET),
      },
      body: raw,
    });
    expect(response.status).toBe(400);
  });

  it('rejects unsigned invalid JSON with 401', async () => {
    const response = await fetch(`${base}/webhooks/vonage/messages/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"channel":"sms",',
    });
    expect(response.status).toBe(401);
  });

  it('rejects a missed call from an invalid number with 400', async () => {
    const response = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '12345' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe("from: '12345' is not a valid phone number");
  });

  it('rejects a missed call time without a zone', async () => {
    const response = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125557030', at: '2026-12-04T10:00:00' }),
    });
    const { message } = await response.json();
    expect(response.status).toBe(400);
    expect(message).toContain('body.at');
    expect(message).toContain('with a zone');
  });

  it('rejects an overlong call id with 400', async () => {
    const response = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125557031', callId: 'x'.repeat(201) }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('callId');
  });

  it('api refuses other machines without a token', async () => {
    const fromElsewhere = await app.inject({
      method: 'POST',
      url: '/api/calls/missed',
      remoteAddress: '203.0.113.5',
      payload: { from: '+13125557030' },
    });
    const readFromElsewhere = await app.inject({
      method: 'GET',
      url: '/api/outbox',
      remoteAddress: '203.0.113.5',
    });
    const fromLoopback = await app.inject({
      method: 'GET',
      url: '/api/outbox',
      remoteAddress: '127.0.0.1',
    });

    expect(fromElsewhere.statusCode).toBe(403);
    expect(fromElsewhere.json().error).toContain('RINGBACK_API_TOKEN');
    expect(readFromElsewhere.statusCode).toBe(403);
    expect(fromLoopback.statusCode).toBe(200);
    expect(deps.ledger.calls(deps.settings.id, '+13125557030')).toHaveLength(0);
  });

  it('percent-encoded paths get the same checks', async () => {
    const api = await app.inject({
      method: 'GET',
      url: '/%61pi/outbox',
      remoteAddress: '203.0.113.5',
    });
    const webhookPath = await fetch(`${base}/%77ebhooks/vonage/messages/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inbound('13125557050', 'hi')),
    });

    expect(api.statusCode).toBe(403);
    expect(webhookPath.status).toBe(401);
  });

  it('api requires the bearer token when one is set', async () => {
    const guarded = await buildServer({
      settings: deps.settings,
      ledger: deps.ledger,
      conversations: gateway,
      logger: createLogger(),
      metrics: createMetrics(),
      vonage: null,
      apiToken: 'api-token-for-tests',
    });
    const withoutToken = await guarded.inject({ method: 'GET', url: '/api/outbox' });
    const wrongToken = await guarded.inject({
      method: 'GET',
      url: '/api/outbox',
      headers: { authorization: 'Bearer nope' },
    });
    const withToken = await guarded.inject({
      method: 'GET',
      url: '/api/outbox',
      remoteAddress: '203.0.113.5',
      headers: { authorization: 'Bearer api-token-for-tests' },
    });
    await guarded.close();

    expect(withoutToken.statusCode).toBe(401);
    expect(wrongToken.statusCode).toBe(401);
    expect(withToken.statusCode).toBe(200);
  });

  it('inbound from a short code gets 200 and is ignored', async () => {
    const response = await webhook('/webhooks/vonage/messages/inbound', inbound('72975', 'hi'));
    expect(response.status).toBe(200);
    expect((await response.json()).ignored).toContain('not a phone number');
  });

  it('empty inbound text gets 200 and is ignored', async () => {
    const response = await webhook(
      '/webhooks/vonage/messages/inbound',
      inbound('13125557031', ' \u0000 '),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).ignored).toBe('empty text');
    expect((await conversation('+13125557031')).status).toBe(404);
  });

  it('answer without a caller id still forwards the call', async () => {
    const response = await webhook('/webhooks/vonage/voice/answer', {
      to: BUSINESS_NUMBER,
      conversation_uuid: 'CON-withheld',
    });
    const ncco = await response.json();
    expect(response.status).toBe(200);
    expect(ncco[0].action).toBe('connect');
  });

  it('transcription_url that is not a URL gets 400', async () => {
    const response = await webhook('/webhooks/vonage/voice/recording', {
      conversation_uuid: 'CON-x',
      transcription_url: 'not a url',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('transcription_url');
  });

  it('missed call from a staff phone sends no text', async () => {
    const response = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125550150', callId: 'staff-1' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await response.json()).result).toBe('ignored');
    expect(standIn.textsTo('13125550150')).toHaveLength(0);
  });

  it('body fields keep their JSON types', async () => {
    const response = await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 3125557040 }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain('from');
  });

  it('outbox rejects a non-numeric after', async () => {
    const response = await fetch(`${base}/api/outbox?after=abc`);
    expect(response.status).toBe(400);
  });

  it('masks phone numbers in the logs', async () => {
    logLines = [];
    await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125557020', callId: 'mask-1' }),
    });
    await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125557021' }),
    });
    await fetch(`${base}/webhooks/vonage/messages/inbound?from=13125557022`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inbound('13125557022', 'hello')),
    });

    const logged = logLines.join('\n');
    expect(logged).toContain('"callId":"api:+1******7021:');
    expect(logged).toContain('bad signature');
    expect(logged).not.toContain('3125557020');
    expect(logged).not.toContain('3125557021');
    expect(logged).not.toContain('3125557022');
  });
});

function testPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
