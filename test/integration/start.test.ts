import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, stopChild } from '../../worker/dev-server.ts';
import { freePort, tempDir } from '../support/harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let PORT = 0;
let TEMPORAL_PORT = 0;
let base = '';
let child: ChildProcess | null = null;
let output = '';

function start(dataDir: string): ChildProcess {
  output = '';
  const process_ = spawn(process.execPath, [join(ROOT, 'bin', 'ringback.mjs'), 'start'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      TEMPORAL_PORT: String(TEMPORAL_PORT),
      RINGBACK_DATA_DIR: dataDir,
      VONAGE_API_KEY: '',
      VONAGE_API_SECRET: '',
      TEMPORAL_ADDRESS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process_.stdout!.on('data', (chunk) => (output += chunk));
  process_.stderr!.on('data', (chunk) => (output += chunk));
  return process_;
}

async function waitFor<T>(
  probe: () => Promise<T | null>,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const healthy = () =>
  waitFor(async () => ((await fetch(`${base}/healthz`)).ok ? true : null), 'healthz');
const conversation = (phone: string) =>
  fetch(`${base}/api/conversations/${encodeURIComponent(phone)}`).then((response) =>
    response.json(),
  );

afterEach(async () => {
  if (child) await stopChild(child, 15_000);
  child = null;
});

beforeAll(async () => {
  PORT = await freePort();
  TEMPORAL_PORT = await freePort();
  base = `http://127.0.0.1:${PORT}`;
});

describe('ringback start', () => {
  it('keeps conversations across a restart and stops everything on SIGTERM', async () => {
    const dataDir = tempDir('ringback-start-');
    child = start(dataDir);
    await healthy();
    await fetch(`${base}/api/calls/missed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+13125558100', callId: 'start-test-1' }),
    });
    const outbox = await waitFor(async () => {
      const { messages } = await (await fetch(`${base}/api/outbox?phone=%2B13125558100`)).json();
      return messages.length > 0 ? messages : null;
    }, 'the opening text in the outbox');

    const editor = await fetch(`${base}/editor/`);
    const editorPage = await editor.text();
    const exited = new Promise<number | null>((resolve) =>
      child!.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    const code = await exited;
    const events = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));

    expect(outbox[0].text).toContain('Apex Plumbing');
    expect(editor.status).toBe(200);
    expect(editorPage).toContain('<div id="root"');
    expect(code).toBe(0);
    expect(events.map((event) => event.msg)).toEqual(
      expect.arrayContaining([
        'temporal dev server listening',
        'worker polling',
        'http server listening',
        'stopped',
      ]),
    );
    expect(output).not.toContain('3125558100');

    child = start(dataDir);
    await healthy();
    const state = await waitFor(async () => {
      const body = await conversation('+13125558100');
      return body.status ? body : null;
    }, 'the conversation after the restart');

    expect(state.status).toBe('active');
    expect(state.calls).toHaveLength(1);
    expect(state.transcript[0].purpose).toBe('opening');
  });

  it('stops a dev server left behind by a killed start', async () => {
    const dataDir = tempDir('ringback-killed-');
    child = start(dataDir);
    await healthy();
    const pidFile = join(dataDir, 'temporal.pid');
    const leftover = Number(readFileSync(pidFile, 'utf8'));
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isAlive(leftover)).toBe(true);

    child = start(dataDir);
    await healthy();

    expect(isAlive(leftover)).toBe(false);
    expect(output).toContain('left running by an earlier start');
    expect(Number(readFileSync(pidFile, 'utf8'))).not.toBe(leftover);
    await stopChild(child, 15_000);
    child = null;
    expect(existsSync(pidFile)).toBe(false);
  });
});
