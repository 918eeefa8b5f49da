import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildEditor } from '../../scripts/build-editor.mjs';
import { copyRules, launchChromium, startEditorServer } from './harness.ts';

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

/**
 * Registers hooks that build the editor, launch Chromium once per file and open a fresh editor
 * for each test, failing the test on any page error. Returns the current test's editor.
 */
export function useEditorPerTest(): () => OpenedEditor {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let editor: OpenedEditor | undefined;

  beforeAll(async () => {
    await buildEditor({ ifStale: true, quiet: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async (context) => {
    const opened = await openEditor(browser!.context);
    editor = opened;
    context.onTestFinished(async () => {
      await opened.close();
      expect(opened.pageErrors).toEqual([]);
    });
  });

  return () => editor!;
}

/** Finds a node with the toolbar's search box and waits for its edit panel. */
export async function findNode(page: Page, name: string) {
  const search = page.getByLabel('Find a rule or template');
  await search.fill(name);
  await search.press('Enter');
  await page.getByRole('heading', { name: new RegExp(`^(Rule|Template) ${name}`) }).waitFor();
}
