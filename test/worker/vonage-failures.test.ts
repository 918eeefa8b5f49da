import type { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessagingActivities,
  type SendResult,
  type SendTemplateInput,
} from '../../worker/activities/messaging.ts';
import { createMessagesClient } from '../../worker/vonage.ts';
import { testDeps } from '../support/harness.ts';
import { VonageStandIn } from '../support/vonage-stand-in.ts';

const PHONE = '+13125554100';
const API_KEY = 'key-under-test';
const API_SECRET = 'secret-under-test';
const BASIC = Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64');

let standIn: VonageStandIn;
let sequence = 0;

beforeAll(async () => {
  standIn = await new VonageStandIn().start();
});

afterAll(async () => {
  await standIn?.stop();
});

/** Messaging activities whose Vonage client gives up on a request after 300 ms. */
function impatientActivities() {
  const deps = testDeps({ standIn });
  deps.messages = createMessagesClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    apiHost: standIn.url,
    timeoutMs: 300,
  });
  return { deps, activities: createMessagingActivities(deps) };
}

function send(input: SendTemplateInput): Promise<SendResult> {
  const { activities } = impatientActivities();
  return new MockActivityEnvironment().run(activities.sendTemplate, input) as Promise<SendResult>;
}

async function failureOf(sending: Promise<SendResult>): Promise<ApplicationFailure> {
  try {
    await sending;
  } catch (error) {
    return error as ApplicationFailure;
  }
  throw new Error('expected the send to fail');
}

function opening(): SendTemplateInput {
  sequence += 1;
  return {
    conversationId: `ringback/apex-plumbing/${PHONE}`,
    phone: PHONE,
    templateId: 'opening_open',
    purpose: 'opening',
    key: `vonage-failures/${sequence}`,
  };
}

describe('sendTemplate when Vonage fails', () => {
  it('does not resend a request that timed out', async () => {
    const { deps, activities } = impatientActivities();
    const input = opening();
    standIn.slowNext = [1200];
    const before = standIn.textsTo(PHONE).length;

    const env = new MockActivityEnvironment();
    const first = (await env.run(activities.sendTemplate, input)) as SendResult;
    const again = (await env.run(activities.sendTemplate, input)) as SendResult;
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(first.status).toBe('unknown');
    expect(again.status).toBe('unknown');
    expect(standIn.textsTo(PHONE).length - before).toBe(1);
    const rows = deps.ledger.messages('apex-plumbing', PHONE);
    expect(rows.map((row) => row.status)).toEqual(['sending', 'failed']);
    expect(rows[1].detail).toMatch(/^outcome unknown: vonage: no response/);
  });

  it('keeps credentials out of a retryable failure', async () => {
    standIn.failNext = [500];
    const failure = await failureOf(send(opening()));

    expect(failure).toBeInstanceOf(Error);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('500');
    const everything = JSON.stringify(failure, Object.getOwnPropertyNames(failure));
    expect(everything).not.toContain(BASIC);
    expect(everything).not.toContain(API_SECRET);
    expect((failure as unknown as { config?: unknown }).config).toBeUndefined();
  });

  it('does not retry a request Vonage rejects', async () => {
    standIn.failNext = [422];
    const failure = await failureOf(send(opening()));

    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('VonageRejected');
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).not.toContain(BASIC);
  });
});
