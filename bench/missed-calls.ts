// Fires missed calls at a running Ringback and prints the latency from the missed-call event to
// the SMS request reaching a Vonage stand-in, and the process's memory.
//
//   npm run bench:calls -- --calls 200 --rate 20            (starts its own instance)
//   npm run bench:calls -- --url http://127.0.0.1:8080 --stand-in-port 9999
//       (an instance already running with VONAGE_API_HOST=http://127.0.0.1:9999 and credentials)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { VonageStandIn } from '../test/support/vonage-stand-in.ts';
import { stopChild } from '../worker/dev-server.ts';

interface Options {
  calls: number;
  rate: number;
  url?: string;
  standInPort: number;
  port: number;
  temporalPort: number;
}

const program = new Command('bench-missed-calls')
  .option('--calls <n>', 'missed calls to fire', Number, 200)
  .option('--rate <n>', 'calls per second', Number, 20)
  .option('--url <url>', 'a running instance (default: start one)')
  .option('--stand-in-port <port>', 'port of the Vonage stand-in', Number, 0)
  .option('--port <port>', 'HTTP port of the instance this script starts', Number, 18480)
  .option(
    '--temporal-port <port>',
    'Temporal port of the instance this script starts',
    Number,
    17480,
  )
  .parse();
const options = program.opts<Options>();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function waitForHealth(url: string, child: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`ringback exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not become healthy`);
}

function startInstance(standInUrl: string): ChildProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringback-bench-'));
  return spawn(
    process.execPath,
    [join(import.meta.dirname, '..', 'bin', 'ringback.mjs'), 'start'],
    {
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        TEMPORAL_PORT: String(options.temporalPort),
        RINGBACK_DATA_DIR: dataDir,
        VONAGE_API_KEY: 'bench-key',
        VONAGE_API_SECRET: 'bench-secret',
        VONAGE_API_HOST: standInUrl,
        VONAGE_SIGNATURE_SECRET: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

async function residentMemory(url: string): Promise<number | null> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const match = metrics.match(
    /^ringback_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m,
  );
  return match ? Number(match[1]) : null;
}

async function fireCall(url: string, index: number, sentAt: Map<string, number>): Promise<void> {
  const caller = `1773555${String(index).padStart(4, '0')}`;
  const conversationUuid = `CON-bench-${Date.now()}-${index}`;
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/webhooks/vonage/voice/answer', {
    from: caller,
    to: '13125550100',
    conversation_uuid: conversationUuid,
  });
  sentAt.set(caller, performance.now());
  const response = await post('/webhooks/vonage/voice/event', {
    status: 'timeout',
    direction: 'outbound',
    conversation_uuid: conversationUuid,
  });
  if (!response.ok) console.error(`call ${index}: event webhook returned ${response.status}`);
}

async function main(): Promise<void> {
  const standIn = await new VonageStandIn().start(options.standInPort);
  if (!options.url && (await fetch(`http://127.0.0.1:${options.port}/healthz`).catch(() => null))) {
    throw new Error(`port ${options.port} is already serving; pass --port with a free port`);
  }
  const child = options.url ? null : startInstance(standIn.url);
  const url = options.url ?? `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(url, child);
    const memoryBefore = await residentMemory(url);
    let memoryPeak = memoryBefore ?? 0;
    const sampler = setInterval(async () => {
      memoryPeak = Math.max(memoryPeak, (await residentMemory(url).catch(() => 0)) ?? 0);
    }, 250);

    const sentAt = new Map<string, number>();
    const started = performance.now();
    const firing: Promise<void>[] = [];
    for (let index = 0; index < options.calls; index += 1) {
      const due = started + (index * 1000) / options.rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      firing.push(fireCall(url, index, sentAt));
    }
    await Promise.all(firing);
    await standIn.waitForMessages(options.calls, undefined, 60_000);
    clearInterval(sampler);

    const latencies = standIn.messages
      .map((message) => message.receivedAt - (sentAt.get(message.to) ?? NaN))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const elapsed = (performance.now() - started) / 1000;
    const mb = (bytes: number | null) =>
      bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `calls ${options.calls} at ${options.rate}/s, texts received ${latencies.length} in ${elapsed.toFixed(1)} s`,
    );
    console.log(
      `missed-call event -> SMS at Vonage: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
        `max ${latencies.at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `process resident memory (worker and server): before ${mb(memoryBefore)}, peak ${mb(memoryPeak)}`,
    );
  } finally {
    if (child) await stopChild(child, 20_000);
    await standIn.stop();
  }
}

await main();
