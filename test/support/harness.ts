import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities, type ActivityDeps } from '../../worker/activities/index.ts';
import { Ledger } from '../../worker/ledger.ts';
import { RulesStore } from '../../worker/rules-store.ts';
import { loadSettings, type BusinessSettings } from '../../worker/settings.ts';
import { temporalCliPath, temporalTestServerPath } from '../../worker/temporal.ts';
import { createMessagesClient } from '../../worker/vonage.ts';
import { WORKFLOWS_PATH } from '../../worker/worker.ts';
import type { VonageStandIn } from './vonage-stand-in.ts';

let bundle: Promise<WorkflowBundleWithSourceMap> | null = null;

/** Returns the workflow code, bundled once per test file because bundling takes seconds. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message: string, meta?: unknown) => console.error(message, meta),
};

export function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
}

export function startDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCliPath() }, ip: '127.0.0.1' },
  });
}

/** Returns a loopback TCP port that was free a moment ago, so parallel runs do not collide. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function tempDir(prefix = 'ringback-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Business settings for tests: the example file with overrides merged at the top level. */
export function testSettings(overrides: Partial<BusinessSettings> = {}): BusinessSettings {
  return { ...loadSettings(), ...overrides };
}

/**
 * Real activities on a temporary SQLite ledger and the repository's rules, texting through
 * the real Vonage SDK to the stand-in (or to the outbox when no stand-in is given).
 */
export function testDeps(
  options: { standIn?: VonageStandIn; settings?: BusinessSettings } = {},
): ActivityDeps {
  const settings = options.settings ?? testSettings();
  const ledger = new Ledger(join(tempDir(), 'ringback.db'));
  const messages = options.standIn
    ? createMessagesClient({
        apiKey: 'test-key',
        apiSecret: 'test-secret',
        apiHost: options.standIn.url,
        timeoutMs: 5000,
      })
    : null;
  return {
    settings,
    ledger,
    rules: new RulesStore(),
    messages,
    fromNumber: settings.company.phone,
  };
}

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  deps: ActivityDeps,
  taskQueue = `test-${Math.random().toString(36).slice(2)}`,
): Promise<{ worker: Worker; taskQueue: string }> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(deps),
  });
  return { worker, taskQueue };
}
