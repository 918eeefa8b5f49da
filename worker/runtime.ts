import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { ConversationGateway } from './conversations.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import editorRoutes from './editor-routes.ts';
import { buildServer } from './http/server.ts';
import { createMetrics } from './http/metrics.ts';
import { Ledger } from './ledger.ts';
import { childLogger, logger } from './logger.ts';
import { RulesStore } from './rules-store.ts';
import { dataDir, loadSettings, settingsPath, type BusinessSettings } from './settings.ts';
import {
  connectClient,
  connectWorker,
  installTemporalLogging,
  temporalSettings,
  type TemporalSettings,
} from './temporal.ts';
import { createTechnicianRouter } from './technicians.ts';
import { createMessagesClient, createVoiceClient, vonageConfigFromEnv } from './vonage.ts';
import { createWorker } from './worker.ts';

export interface Runtime {
  settings: BusinessSettings;
  ledger: Ledger;
  rules: RulesStore;
}

export function openRuntime(): Runtime {
  installTemporalLogging(logger);
  const settings = loadSettings();
  const ledger = new Ledger(join(dataDir(), 'ringback.db'));
  const rules = new RulesStore(undefined, (error) =>
    logger.error({ err: error }, 'rules reload failed; keeping the last valid rules'),
  );
  rules.current();
  return { settings, ledger, rules };
}

export async function runWorker(runtime: Runtime, temporal: TemporalSettings): Promise<Worker> {
  const vonage = vonageConfigFromEnv();
  const worker = await createWorker({
    connection: await connectWorker(temporal),
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    deps: {
      ...runtime,
      messages: vonage ? createMessagesClient(vonage) : null,
      // Vonage's Voice API takes only application (JWT) credentials.
      voice: vonage?.applicationId && vonage.privateKey ? createVoiceClient(vonage) : null,
      fromNumber: vonage?.number ?? runtime.settings.company.phone,
    },
  });
  if (!vonage) childLogger('worker').warn('no Vonage credentials: texts go to the local outbox');
  return worker;
}

export async function runServer(
  runtime: Runtime,
  temporal: TemporalSettings,
  port: number,
): Promise<FastifyInstance> {
  const vonage = vonageConfigFromEnv();
  const signatureSecret = process.env.VONAGE_SIGNATURE_SECRET || undefined;
  if (vonage && !signatureSecret) {
    // Anyone who can reach the webhooks could then forge a missed call and have any number texted.
    childLogger('http').warn(
      'VONAGE_SIGNATURE_SECRET is not set: Vonage webhooks are accepted unsigned; ' +
        'set it to the signature secret of the Vonage account',
    );
  }
  const client = await connectClient(temporal);
  const app = await buildServer({
    ...runtime,
    conversations: new ConversationGateway(client, temporal.taskQueue, runtime.settings.id),
    logger,
    metrics: createMetrics(),
    signatureSecret,
    vonage,
    publicUrl: process.env.RINGBACK_PUBLIC_URL || undefined,
    routeInbound: createTechnicianRouter({ ...runtime, client, logger }),
    apiToken: process.env.RINGBACK_API_TOKEN || undefined,
    plugins: [
      async (app) => {
        await app.register(editorRoutes, { rulesDir: runtime.rules.dir });
      },
    ],
  });
  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  return app;
}

type Closer = () => Promise<void>;
let stopping = false;

/** Stops everything in reverse order of starting on SIGINT or SIGTERM, then exits. */
export function closeOnSignals(closers: Closer[]): void {
  const close = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    for (const closer of [...closers].reverse()) {
      try {
        await closer();
      } catch (error) {
        logger.error({ err: error }, 'stop step failed');
      }
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
}

/** Runs the embedded default: a Temporal dev server (unless TEMPORAL_ADDRESS is set), worker and HTTP server. */
export async function runEverything(port: number): Promise<void> {
  const runtime = openRuntime();
  const closers: Closer[] = [async () => runtime.ledger.close()];
  closeOnSignals(closers);
  logger.info({ settings: settingsPath(), rules: runtime.rules.dir, data: dataDir() }, 'starting');
  try {
    await startEverything(runtime, port, closers);
  } catch (error) {
    // Stop what did start, such as the dev server, so that no process is left holding a port.
    stopping = true;
    for (const closer of [...closers].reverse()) await closer().catch(() => {});
    throw error;
  }
}

async function startEverything(runtime: Runtime, port: number, closers: Closer[]): Promise<void> {
  let devServer: DevServer | null = null;
  if (!process.env.TEMPORAL_ADDRESS) {
    devServer = await startDevServer({
      dataDir: dataDir(),
      port: portFromEnv('TEMPORAL_PORT', 7233),
      uiPort: process.env.TEMPORAL_UI_PORT ? portFromEnv('TEMPORAL_UI_PORT', 0) : undefined,
      logger: childLogger('temporal'),
    });
    closers.push(() => devServer!.stop());
    devServer.process.once('exit', (code) => {
      if (stopping) return;
      logger.error({ code }, 'temporal server exited unexpectedly; stopping');
      process.kill(process.pid, 'SIGTERM');
    });
    logger.info(
      { address: devServer.address, ui: devServer.uiUrl, db: join(dataDir(), 'temporal.db') },
      'temporal dev server listening',
    );
  }

  const temporal = temporalSettings(process.env, devServer?.address);
  const worker = await runWorker(runtime, temporal);
  const running = worker.run();
  closers.push(async () => {
    worker.shutdown();
    await running;
  });
  logger.info({ address: temporal.address, taskQueue: temporal.taskQueue }, 'worker polling');

  const app = await runServer(runtime, temporal, port);
  closers.push(() => app.close());
  logger.info({ url: `http://127.0.0.1:${port}` }, 'http server listening');
}

/** Reads a TCP port from the environment; an invalid value is an error naming the variable. */
export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name}: '${raw}' is not a TCP port (1-65535)`);
  }
  return port;
}
