import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BUNDLED_SCHEMAS } from '../../engine/index.ts';
import { temporalTestServerPath } from '../../worker/temporal.ts';
import { repoBundle } from './rules-fixture.ts';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
});

afterAll(async () => {
  await env?.teardown();
});

describe('engine in the workflow sandbox', () => {
  it('classifies inside a workflow', async () => {
    const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: new URL('./sandbox-workflow.ts', import.meta.url).pathname,
      logger: silent,
    });
    const taskQueue = 'engine-sandbox';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
    });

    const files = Object.fromEntries(
      Object.entries(repoBundle().files).filter(([name]) =>
        Object.hasOwn(BUNDLED_SCHEMAS, name.replace(/\.json$/u, '.schema.json')),
      ),
    );
    const result = await worker.runUntil(
      env.client.workflow.execute('classifyInSandbox', {
        taskQueue,
        workflowId: 'engine-sandbox-test',
        args: [files, 'the water heater burst, water everywhere'],
      }),
    );

    expect(result.urgency).toBe('emergency');
    expect(result.jobType).toBe('Water Heater');
    expect(result.rulesHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
