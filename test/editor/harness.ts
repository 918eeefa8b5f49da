import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type BrowserContext } from 'playwright-core';
import editorRoutes, { type EditorRoutesOptions } from '../../worker/editor-routes.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Copies the repository's rules/ into a fresh temporary folder the test may change. Each copy
 * ends with a newline, as the editor writes files, so a saved edit's diff shows the edit alone.
 */
export function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringback-rules-'));
  cpSync(join(repoRoot, 'rules'), dir, { recursive: true });
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    if (!text.endsWith('\n')) writeFileSync(join(dir, name), `${text}\n`);
  }
  return dir;
}

/**
 * Starts a server with the editor plugin, on loopback and a free port. `addRoutes` adds
 * stand-ins for routes the full server has, such as the outbox.
 */
export async function startEditorServer(
  options: EditorRoutesOptions,
  addRoutes: (app: FastifyInstance) => void = () => {},
) {
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(editorRoutes, options);
  addRoutes(app);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl: address };
}

/**
 * Launches Debian's Chromium headless with a fresh profile. The flags keep it from reaching
 * out to Google's services, which this machine's network blocks.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing; install it with scripts/ensure-chromium.sh (as root)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'ringback-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
