import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { expect } from 'vitest';
import { createActivities, type ActivityDeps } from '../../worker/activities/index.ts';
import { ConversationGateway } from '../../worker/conversations.ts';
import { createMetrics } from '../../worker/http/metrics.ts';
import { buildServer } from '../../worker/http/server.ts';
import type { BusinessSettings } from '../../worker/settings.ts';
import { createTechnicianRouter } from '../../worker/technicians.ts';
import { createVoiceClient } from '../../worker/vonage.ts';
import {
  dispatchStateQuery,
  type DispatchSummary,
  type TimelineEntry,
} from '../../workflows/dispatch-signals.ts';
import type { ConversationState } from '../../workflows/state.ts';
import { startTimeSkipping, testDeps, testSettings, workflowBundle } from '../support/harness.ts';
import { VonageStandIn } from '../support/vonage-stand-in.ts';

export const ANA = '+13125550111';
export const BEN = '+13125550122';
export const CAL = '+13125550133';
export const OWNER = '+13125550199';

/** Friday 4 December 2026, 10:00 in Chicago: open hours, Ana's week on call. */
export const FRIDAY_MORNING = '2026-12-04T16:00:00.000Z';
/** Friday 4 December 2026, 21:30 in Chicago: after hours, Ana's week on call. */
export const FRIDAY_NIGHT = '2026-12-05T03:30:00.000Z';
/** Tuesday 8 December 2026, 10:00 in Chicago: open hours, Ben's week on call. */
export const TUESDAY_BEN_ON_CALL = '2026-12-08T16:00:00.000Z';

export interface TestBedOptions {
  /** Merged over the example business settings at the top level. */
  settings?: Partial<BusinessSettings>;
  /** True to give the worker a Vonage Voice client pointed at the stand-in. */
  voice?: boolean;
  /** False for a worker that keeps no workflows in its cache (see startWorker). Default: true. */
  cacheWorkflows?: boolean;
}

/**
 * A time-skipping Temporal server, a worker with the real activities, the real HTTP server
 * with the technician router, and the Vonage stand-in that the real SDK sends to.
 */
export class DispatchTestBed {
  env!: TestWorkflowEnvironment;
  standIn!: VonageStandIn;
  deps!: ActivityDeps;
  app!: FastifyInstance;
  readonly taskQueue = `dispatch-${randomUUID()}`;
  private worker: Worker | null = null;
  private running: Promise<void> | null = null;

  get businessId(): string {
    return this.deps.settings.id;
  }
  private cacheWorkflows = true;

  async start(options: TestBedOptions = {}) {
    this.cacheWorkflows = options.cacheWorkflows ?? true;
    this.env = await startTimeSkipping();
    this.standIn = await new VonageStandIn().start();
    this.deps = testDeps({ standIn: this.standIn, settings: testSettings(options.settings) });
    if (options.voice) this.deps.voice = createVoiceClient(this.voiceConfig());
    await this.startWorker();

    this.app = await buildServer({
      settings: this.deps.settings,
      ledger: this.deps.ledger,
      conversations: new ConversationGateway(this.env.client, this.taskQueue, this.businessId),
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      vonage: null,
      routeInbound: createTechnicianRouter({
        client: this.env.client,
        settings: this.deps.settings,
        ledger: this.deps.ledger,
        rules: this.deps.rules,
        logger: pino({ level: 'silent' }),
      }),
    });
    return this;
  }

  private voiceConfig() {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const apiHost = this.standIn.url;
    return { applicationId: 'test-app', privateKey: pem, apiHost, timeoutMs: 5000 };
  }

  /**
   * Starts a worker on the bed's task queue. With `cacheWorkflows: false` it takes no tasks on
   * a sticky queue of its own, which a test that replaces the worker needs. The time-skipping
   * server leaves tasks on a stopped worker's sticky queue, whereas a real server moves them to
   * the task queue after the sticky schedule-to-start timeout.
   */
  async startWorker(): Promise<void> {
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      namespace: this.env.namespace ?? 'default',
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities(this.deps),
      ...(this.cacheWorkflows ? {} : { maxCachedWorkflows: 0 }),
    });
    this.running = this.worker.run();
  }

  /** Stops the worker and waits until it has let go of its tasks. */
  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = null;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.stopWorker();
    await this.env?.teardown();
    await this.standIn?.stop();
  }

  async missedCall(phone: string, at: string): Promise<void> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/api/calls/missed',
      payload: { from: phone, at, callId: randomUUID() },
    });
    expect(response.statusCode).toBe(202);
  }

  /** Posts an inbound SMS to the Vonage webhook, as Vonage would. */
  async text(from: string, text: string, at: string): Promise<Record<string, unknown>> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/webhooks/vonage/messages/inbound',
      payload: {
        message_uuid: randomUUID(),
        from: from.replace(/^\+/, ''),
        to: '13125550100',
        channel: 'sms',
        message_type: 'text',
        text,
        timestamp: at,
      },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Plays a missed call, waits for the text-back, then sends the customer's reply. */
  async emergency(phone: string, words: string, at: string): Promise<void> {
    await this.missedCall(phone, at);
    await this.standIn.waitForMessages(1, phone);
    await this.text(phone, words, at);
  }

  async conversation(phone: string): Promise<ConversationView> {
    const response = await this.app.inject({
      method: 'GET',
      url: `/api/conversations/${encodeURIComponent(phone)}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async dispatch(phone: string): Promise<DispatchSummary> {
    const { dispatch } = await this.conversation(phone);
    expect(dispatch).not.toBeNull();
    return this.env.client.workflow.getHandle(dispatch!.workflowId).query(dispatchStateQuery);
  }

  /** Polls until the dispatch has recorded an event, so tests never race the worker. */
  async waitForEvent(
    phone: string,
    event: TimelineEntry['event'],
    count = 1,
  ): Promise<DispatchSummary> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const summary = await this.dispatch(phone).catch(() => null);
      const matching = summary?.timeline.filter((entry) => entry.event === event) ?? [];
      if (summary && matching.length >= count) return summary;
      if (Date.now() > deadline) {
        throw new Error(`dispatch: no '${event}' event #${count} within 15s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The conversation as `GET /api/conversations/:phone` returns it. */
type ConversationView = Omit<ConversationState, 'transcript'> & {
  transcript: { text: string; status: string }[];
};

/** Whole seconds from one ISO time to another. */
export function secondsBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

export function eventsOf(summary: DispatchSummary, event: TimelineEntry['event']): TimelineEntry[] {
  return summary.timeline.filter((entry) => entry.event === event);
}
