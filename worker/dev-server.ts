import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const pidFile = join(options.dataDir, 'temporal.pid');
  const dbFile = join(options.dataDir, 'temporal.db');
  if (await isListening(options.port)) await stopLeftover(pidFile, dbFile, options.logger);
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
    dbFile,
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
  // A ringback killed with SIGKILL cannot stop the server: the next start finds it by this file.
  if (child.pid) writeFileSync(pidFile, `${child.pid}\n`);
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
    stop: async () => {
      await stopChild(child);
      rmSync(pidFile, { force: true });
    },
  };
}

/**
 * Stops the dev server that an earlier `ringback start` left running on the same data folder,
 * found by its pid file and checked by its command line (Linux /proc), so that no other process
 * is ever signalled.
 */
async function stopLeftover(pidFile: string, dbFile: string, logger: Logger): Promise<void> {
  let pid: number;
  let command: string;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return;
  }
  if (!command.includes('start-dev') || !command.includes(dbFile)) return;
  logger.warn({ pid }, 'stopping the Temporal dev server left running by an earlier start');
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isAlive(pid)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

/** Tells whether a process runs. A zombie, dead but not yet reaped by its parent, does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z';
  } catch {
    return true;
  }
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
