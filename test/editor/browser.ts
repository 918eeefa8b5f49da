import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { copyRules, startEditorServer } from './harness.ts';

/** An editor page on its own server and copy of rules/, with the page errors it raised. */
export interface OpenedEditor {
  page: Page;
  rulesDir: string;
  baseUrl: string;
  pageErrors: string[];
  close(): Promise<void>;
}

/** Opens the editor on a fresh copy of rules/ and waits until the rules are loaded. */
export async function openEditor(context: BrowserContext): Promise<OpenedEditor> {
  const rulesDir = copyRules();
  const { app, baseUrl } = await startEditorServer({ rulesDir, token: '' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/editor/`);
  await page.getByRole('button', { name: 'Review and save' }).waitFor();
  return {
    page,
    rulesDir,
    baseUrl,
    pageErrors,
    async close() {
      await page.close();
      await app.close();
      rmSync(rulesDir, { recursive: true, force: true });
    },
  };
}
