import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Connection } from '@temporalio/client';
import { temporalCliPath } from './temporal.ts';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  dataDir: string;
  port: number;
  uiPort?: number;
  logger: Logger;
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`temporal server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`temporal server at ${address} not ready: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Starts `temporal server start-dev` with its state in a SQLite file under the data folder, so
 * conversations and timers survive a restart.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  if (await isListening(options.port)) {
    throw new Error(
      `port ${options.port} is already in use: set TEMPORAL_PORT to a free port, ` +
        'or TEMPORAL_ADDRESS to use the Temporal server already running there',
    );
  }
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    join(options.dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
  ];
  // Its own process group: Ctrl-C reaches only ringback, which stops the worker first and then
  // the server, instead of the server dying under a worker that is still draining.
  const child = spawn(temporalCliPath(), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  process.once('exit', () => child.kill('SIGTERM'));
  const forward = (stream: NodeJS.ReadableStream) =>
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        options.logger.debug({ line }, 'temporal server output');
      }
    });
  forward(child.stdout!);
  forward(child.stderr!);

  await waitUntilServing(address, child);
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    process: child,
    stop: () => stopChild(child),
  };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
