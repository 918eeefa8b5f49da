import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../worker/activities/index.ts';
import { conversationWorkflow } from '../../workflows/conversation.ts';
import {
  conversationStateQuery,
  inboundMessageSignal,
  missedCallSignal,
} from '../../workflows/signals.ts';
import { dispatchVerdict } from '../../worker/cli-history.ts';
import { timeline } from '../../worker/history.ts';
import {
  createTestWorker,
  startTimeSkipping,
  tempDir,
  testDeps,
  testSettings,
  workflowBundle,
} from '../support/harness.ts';
import { VonageStandIn } from '../support/vonage-stand-in.ts';

const RINGBACK = join(import.meta.dirname, '..', '..', 'bin', 'ringback.mjs');

// Friday 4 December 2026, 10:00 in Chicago: open hours.
const OPEN_HOURS = '2026-12-04T16:00:00.000Z';
// Friday 4 December 2026, 21:30 in Chicago: after hours.
const AFTER_HOURS = '2026-12-05T03:30:00.000Z';

let env: TestWorkflowEnvironment;
let standIn: VonageStandIn;
let deps: ActivityDeps;
let worker: Worker;
let taskQueue: string;
let running: Promise<void>;
let callerNumber = 0;

beforeAll(async () => {
  env = await startTimeSkipping();
  standIn = await new VonageStandIn().start();
  deps = testDeps({ standIn });
  ({ worker, taskQueue } = await createTestWorker(env, deps));
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await standIn?.stop();
});

let phone: string;
beforeEach(() => {
  callerNumber += 1;
  phone = `+1312555${String(1000 + callerNumber).padStart(4, '0')}`;
});

function workflowId(): string {
  return `ringback/apex-plumbing/${phone}`;
}

async function missedCall(callId: string, at = OPEN_HOURS, voicemailTranscript?: string) {
  return env.client.workflow.signalWithStart(conversationWorkflow, {
    workflowId: workflowId(),
    taskQueue,
    args: [{ businessId: 'apex-plumbing', phone }],
    signal: missedCallSignal,
    signalArgs: [{ callId, at, source: 'api', voicemailTranscript }],
  });
}

async function reply(text: string, messageId = `msg-${Math.random()}`) {
  await env.client.workflow.signalWithStart(conversationWorkflow, {
    workflowId: workflowId(),
    taskQueue,
    args: [{ businessId: 'apex-plumbing', phone }],
    signal: inboundMessageSignal,
    signalArgs: [{ messageId, text, at: OPEN_HOURS, channel: 'sms' }],
  });
}

async function state() {
  return env.client.workflow.getHandle(workflowId()).query(conversationStateQuery);
}

/** Polls the state until the workflow has recorded every text the stand-in received. */
async function settledState() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const current = await state();
    const recorded = current.transcript.filter((entry) => entry.direction === 'out').length;
    if (recorded >= standIn.textsTo(phone).length || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('conversation workflow', () => {
  it('texts back once and a second call joins without texting again', async () => {
    await missedCall('call-1');
    await standIn.waitForMessages(1, phone);
    await missedCall('call-2');
    await missedCall('call-1');
    await env.sleep('1m');

    const texts = standIn.textsTo(phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Apex Plumbing');
    expect(texts[0].toLowerCase()).toContain('automated');
    expect(texts[0]).toMatch(/Reply STOP to opt out\.?$/);
    expect((await settledState()).calls.map((call) => call.callId)).toEqual(['call-1', 'call-2']);
  });

  it('picks the after-hours opening outside open hours', async () => {
    await missedCall('call-night', AFTER_HOURS);
    const [opening] = await standIn.waitForMessages(1, phone);
    const current = await settledState();

    expect(current.period).toBe('after_hours');
    expect(current.transcript[0].templateId).toBe('opening_after_hours');
    expect(opening.text).toContain('Apex Plumbing');
  });

  it('picks the holiday opening on Christmas Day', async () => {
    await missedCall('call-xmas', '2026-12-25T16:00:00.000Z');
    await standIn.waitForMessages(1, phone);
    const current = await settledState();

    expect(current.period).toBe('holiday');
    expect(current.transcript[0].templateId).toBe('opening_holiday');
  });

  it('answers a non-emergency reply with the non-emergency text', async () => {
    await missedCall('call-routine');
    await standIn.waitForMessages(1, phone);
    await reply('I have no hot water');
    await standIn.waitForMessages(2, phone);
    const current = await settledState();

    expect(current.classification?.urgency).toBe('routine');
    expect(current.classification?.jobType).toBe('Water Heater');
    expect(current.transcript.at(-1)?.templateId).toBe('non_emergency');
    expect(current.needsDispatch).toBe(false);
    expect(current.rulesHashes).toHaveLength(1);
  });

  it('sends the gas safety text and records that a dispatch is needed', async () => {
    await missedCall('call-gas');
    await standIn.waitForMessages(1, phone);
    await reply('I smell gas in the kitchen');
    const texts = await standIn.waitForMessages(2, phone);
    const current = await settledState();

    expect(current.classification?.urgency).toBe('gas');
    expect(current.needsDispatch).toBe(true);
    expect(texts[1].text.toLowerCase()).toContain('leave');
    expect(texts[1].text).toContain('Peoples Gas');
  });

  it('treats "the leak won\'t stop" as an emergency, not an opt-out', async () => {
    await missedCall('call-leak');
    await standIn.waitForMessages(1, phone);
    await reply("the leak under the sink won't stop, water everywhere");
    await standIn.waitForMessages(2, phone);
    const current = await settledState();

    expect(current.optedOut).toBe(false);
    expect(current.classification?.urgency).toBe('emergency');
    expect(current.transcript.map((entry) => entry.templateId)).toContain('active_leak');
  });

  it('opt-out blocks texts after later calls', async () => {
    await missedCall('call-a');
    await standIn.waitForMessages(1, phone);
    await reply('STOP');
    await standIn.waitForMessages(2, phone);
    await reply('stop texting me');
    await missedCall('call-b');
    await env.sleep('10d');
    await missedCall('call-c');
    await env.sleep('1h');

    const texts = standIn.textsTo(phone);
    expect(texts).toHaveLength(2);
    expect(texts[1].toLowerCase()).toContain('opted out');
    const consent = deps.ledger.consentHistory('apex-plumbing', phone);
    expect(consent.map((entry) => entry.wording)).toEqual(['STOP', 'stop texting me']);
    expect(deps.ledger.isOptedOut('apex-plumbing', phone)).toBe(true);
    const suppressed = deps.ledger
      .messages('apex-plumbing', phone)
      .filter((row) => row.status === 'suppressed');
    expect(suppressed).toHaveLength(0);
  });

  it('texts again after START following an opt-out', async () => {
    await missedCall('call-start');
    await standIn.waitForMessages(1, phone);
    await reply('unsubscribe');
    await standIn.waitForMessages(2, phone);
    await reply('START');
    const texts = await standIn.waitForMessages(3, phone);

    expect(texts[2].text.toLowerCase()).toMatch(/resubscribed|opted (back )?in|welcome back/);
    expect(deps.ledger.isOptedOut('apex-plumbing', phone)).toBe(false);
  });

  it('answers HELP with the company phone and hours', async () => {
    await missedCall('call-help');
    await standIn.waitForMessages(1, phone);
    await reply('HELP');
    const texts = await standIn.waitForMessages(2, phone);

    expect(texts[1].text).toContain('(312) 555-0100');
    expect(texts[1].text).toContain('Mon-Fri 7am-6pm');
  });

  it('answers HELP from an opted-out number', async () => {
    await missedCall('call-help-after-stop');
    await standIn.waitForMessages(1, phone);
    await reply('STOP');
    await standIn.waitForMessages(2, phone);
    await reply('HELP');
    const texts = await standIn.waitForMessages(3, phone);
    await reply('my faucet drips');
    await env.sleep('1h');

    expect(texts[2].text).toContain('(312) 555-0100');
    expect(standIn.textsTo(phone)).toHaveLength(3);
    expect(deps.ledger.isOptedOut('apex-plumbing', phone)).toBe(true);
  });

  it('stops after the reply window and sends one follow-up after a week', async () => {
    const handle = await missedCall('call-quiet');
    await standIn.waitForMessages(1, phone);
    await env.sleep('25h');
    expect((await state()).status).toBe('quiet');
    expect(standIn.textsTo(phone)).toHaveLength(1);

    await env.sleep('6d');
    expect(standIn.textsTo(phone)).toHaveLength(2);
    const result = await handle.result();

    expect(result.followUpSent).toBe(true);
    expect(result.outcome).toBe('no_reply');
    expect(standIn.textsTo(phone)).toHaveLength(2);
  });

  it('does not text twice when the first send attempt fails and is retried', async () => {
    standIn.failNext = [500];
    await missedCall('call-retry');
    await standIn.waitForMessages(1, phone);
    await env.sleep('1m');

    expect(standIn.textsTo(phone)).toHaveLength(1);
    const statuses = deps.ledger.messages('apex-plumbing', phone).map((row) => row.status);
    expect(statuses).toEqual(['sending', 'failed', 'sending', 'sent']);
  });

  it('triages a voicemail transcript left with the missed call', async () => {
    await missedCall(
      'call-vm',
      OPEN_HOURS,
      'hi my basement is flooding, a pipe burst, please call back',
    );
    const texts = await standIn.waitForMessages(2, phone);
    const current = await settledState();

    expect(current.transcript[0].templateId).toBe('opening_open_voicemail');
    expect(current.voicemailTranscript).toContain('basement is flooding');
    expect(current.classification?.urgency).toBe('emergency');
    expect(texts[1].text.toLowerCase()).toContain('shut');
  });
});

describe('conversation workflow without a follow-up', () => {
  it('ends after the reply window when followUp is null', async () => {
    const settings = testSettings({
      timers: { replyWindow: '48h', followUp: null, techAck: '15m' },
    });
    const quietDeps = testDeps({ standIn, settings });
    const { worker: quietWorker, taskQueue: quietQueue } = await createTestWorker(env, quietDeps);
    const run = quietWorker.run();
    try {
      const handle = await env.client.workflow.signalWithStart(conversationWorkflow, {
        workflowId: `ringback/apex-plumbing/${phone}`,
        taskQueue: quietQueue,
        args: [{ businessId: 'apex-plumbing', phone }],
        signal: missedCallSignal,
        signalArgs: [{ callId: 'call-nofollow', at: OPEN_HOURS, source: 'api' }],
      });
      const result = await handle.result();
      expect(result.followUpSent).toBe(false);
      expect(result.outcome).toBe('no_reply');
      expect(standIn.textsTo(phone)).toHaveLength(1);
    } finally {
      quietWorker.shutdown();
      await run;
    }
  });
});

describe('conversation history', () => {
  it('replays on the current code and explains why a dispatch was needed', async () => {
    await missedCall('call-history');
    await standIn.waitForMessages(1, phone);
    await reply('I smell gas by the water heater');
    await standIn.waitForMessages(3, phone);
    await settledState();
    const history = await env.client.workflow.getHandle(workflowId()).fetchHistory();

    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId()),
    ).resolves.toBeUndefined();
    const entries = timeline(history);
    const classified = entries.find((entry) => entry.name === 'classifyMessage');
    expect((classified?.result as { urgency: string }).urgency).toBe('gas');
    expect(entries.filter((entry) => entry.name === 'sendTemplate')).toHaveLength(3);
    expect(entries.some((entry) => entry.kind === 'child')).toBe(true);
    expect(dispatchVerdict(entries)).toMatch(/^dispatch needed: a message was classified gas/);
    expect(dispatchVerdict(entries)).toContain('a dispatch workflow was started');
  });

  it('explains a history saved as JSON from the command line', async () => {
    await missedCall('call-history-file');
    await standIn.waitForMessages(1, phone);
    await reply('water is pouring through the ceiling');
    await standIn.waitForMessages(3, phone);
    await settledState();
    const history = await env.client.workflow.getHandle(workflowId()).fetchHistory();
    const file = join(tempDir(), 'history.json');
    writeFileSync(file, historyToJSON(history));

    const explain = spawnSync(process.execPath, [RINGBACK, 'explain', file], { encoding: 'utf8' });
    const replay = spawnSync(process.execPath, [RINGBACK, 'replay', file], { encoding: 'utf8' });

    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('water is pouring through the ceiling');
    expect(explain.stdout).toMatch(/dispatch needed: a message was classified emergency/);
    expect(explain.stdout).toMatch(/dispatch notifying, notified \S+ \S+ \(onCall\)/);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain('replay: the current workflow code reproduces');
  });

  it('explains that no dispatch was needed for routine work', async () => {
    await missedCall('call-history-routine');
    await standIn.waitForMessages(1, phone);
    await reply('my kitchen faucet drips');
    await standIn.waitForMessages(2, phone);
    await settledState();
    const history = await env.client.workflow.getHandle(workflowId()).fetchHistory();

    expect(dispatchVerdict(timeline(history))).toMatch(/^no dispatch: .*routine/);
  });

  it('explains the silence after an opt-out', async () => {
    await missedCall('call-history-stop');
    await standIn.waitForMessages(1, phone);
    await reply('STOP');
    await standIn.waitForMessages(2, phone);
    await reply('my toilet is clogged');
    await settledState();
    const history = await env.client.workflow.getHandle(workflowId()).fetchHistory();

    expect(dispatchVerdict(timeline(history))).toContain('the customer opted out');
  });
});
