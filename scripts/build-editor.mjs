#!/usr/bin/env node
// Builds the rule editor into editor/dist, which the HTTP server serves at /editor/.
// With --if-stale it builds only when editor/dist is missing or older than what goes into it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const distIndex = join(repoRoot, 'editor/dist/index.html');

/** Everything the bundle is made from: the editor itself, the engine it runs, the schemas. */
const SOURCES = ['editor/src', 'editor/index.html', 'editor/vite.config.ts', 'engine', 'schemas'];

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestModification(join(path, name))),
    stats.mtimeMs,
  );
}

/** True when editor/dist is missing or a source file changed after it was built. */
export function isEditorBuildStale() {
  if (!existsSync(distIndex)) return true;
  const builtAt = statSync(distIndex).mtimeMs;
  return SOURCES.some((source) => newestModification(join(repoRoot, source)) > builtAt);
}

/** Builds editor/dist with Vite; with `ifStale`, skips the build when it is up to date. */
export async function buildEditor({ ifStale = false, quiet = false } = {}) {
  if (ifStale && !isEditorBuildStale()) return false;

  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'editor/vite.config.ts'),
    logLevel: quiet ? 'warn' : 'info',
  });
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const built = await buildEditor({ ifStale });
  if (!built) console.log('editor: editor/dist is up to date');
}
