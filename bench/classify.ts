/**
 * Classification throughput: classifies labelled customer texts one after another on one core
 * with the full rule files. Prints messages per second of wall time and of process CPU time
 * (the second is steadier on a busy machine) and the median time per message. Then prints the
 * mean size of a decision as JSON, with the compact explain that conversations store and with
 * the full one.
 *
 *   npx tsx bench/classify.ts [SECONDS]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { createClassifier, loadRuleBundle } from '../engine/index.ts';
import { readRuleFiles, readSchemas } from '../worker/rules-files.ts';

const seconds = Number(process.argv[2] ?? 5);
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error(`bench/classify.ts: SECONDS must be a positive number, got '${process.argv[2]}'`);
  process.exit(2);
}

const textFiles = [
  'test/engine/held-out.jsonl',
  'test/engine/held-out-2.jsonl',
  'test/engine/held-out-3.jsonl',
  'test/engine/held-out-4.jsonl',
  'test/engine/held-out-5.jsonl',
  'test/engine/held-out-6.jsonl',
  'test/engine/held-out-7.jsonl',
  'test/engine/held-out-8.jsonl',
  'test/engine/held-out-9.jsonl',
];
const texts = textFiles.flatMap((file) =>
  readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

const classifier = createClassifier(loadRuleBundle(readRuleFiles(), readSchemas()));

// Warm up the JIT so the figures describe steady running, not compilation.
for (let round = 0; round < 20; round++) {
  for (const text of texts) await classifier.classify({ text });
}

const durations: number[] = [];
const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + seconds * 1000;
while (performance.now() < deadline) {
  for (const text of texts) {
    const before = performance.now();
    await classifier.classify({ text });
    durations.push(performance.now() - before);
  }
}
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

durations.sort((a, b) => a - b);
const median = durations[Math.floor(durations.length / 2)];
const p99 = durations[Math.floor(durations.length * 0.99)];
console.log(`texts:            ${texts.length} distinct, ${durations.length} classified`);
console.log(`throughput:       ${Math.round(durations.length / elapsed)} messages/s (wall time)`);
console.log(`                  ${Math.round(durations.length / cpuSeconds)} messages/s (CPU time)`);
console.log(`median:           ${(median * 1000).toFixed(0)} µs per message`);
console.log(`99th percentile:  ${(p99 * 1000).toFixed(0)} µs per message`);

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
let compactBytes = 0;
let fullBytes = 0;
let textBytes = 0;
for (const text of texts) {
  compactBytes += jsonBytes(await classifier.classify({ text }));
  fullBytes += jsonBytes(await classifier.classify({ text }, { explain: 'full' }));
  textBytes += new TextEncoder().encode(text).length;
}
const mean = (total: number) => Math.round(total / texts.length);
console.log(`decision as JSON: ${mean(compactBytes)} bytes mean, compact explain (default)`);
console.log(`                  ${mean(fullBytes)} bytes mean, full explain`);
console.log(`                  for texts of ${mean(textBytes)} bytes mean`);
