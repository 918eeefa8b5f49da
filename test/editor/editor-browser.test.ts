import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEditor } from '../../scripts/build-editor.mjs';
import { copyRules, launchChromium, repoRoot, startEditorServer } from './harness.ts';

const SCREENSHOTS = join(repoRoot, 'test-output/editor');

/** A message no phrase list matches as an emergency until the test adds "splooshing". */
const MESSAGE = 'the pipe in the basement is splooshing';
const NEW_PHRASE = 'splooshing';

let rulesDir: string;
let app: FastifyInstance;
let baseUrl: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  await buildEditor({ ifStale: true, quiet: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async (context) => {
  rulesDir = copyRules();
  ({ app, baseUrl } = await startEditorServer({ rulesDir, token: '' }, addOutboxStandIn));
  page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/editor/`);
  await page.getByRole('button', { name: 'Review and save' }).waitFor();

  context.onTestFinished(async () => {
    await page.close();
    await app.close();
    rmSync(rulesDir, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });
});

/** The full server's GET /api/outbox, with one text in it. */
function addOutboxStandIn(server: FastifyInstance) {
  server.get('/api/outbox', async () => ({
    messages: [
      {
        id: 1,
        phone: '+13125550123',
        direction: 'out',
        text: 'Hi, this is the automated text line for Apex Plumbing.\nReply STOP to opt out.',
        purpose: 'opening',
        status: 'outbox',
        at: '2026-12-01T15:04:05.000Z',
      },
    ],
  }));
}

function readRule(file: string) {
  return readFileSync(join(rulesDir, file), 'utf8');
}

async function findNode(name: string) {
  const search = page.getByLabel('Find a rule or template');
  await search.fill(name);
  await search.press('Enter');
  await page.getByRole('heading', { name: new RegExp(`^(Rule|Template) ${name}`) }).waitFor();
}

async function tryMessage(text: string) {
  await page.getByRole('tab', { name: 'Try it' }).click();
  await page.getByLabel('Customer message').fill(text);
}

function decisionField(field: string, value: string) {
  return page.locator(`[data-field="${field}"] dd`, { hasText: new RegExp(`^${value}$`) });
}

describe('rule editor in Chromium', () => {
  it('adds a phrase, tries it and saves a one-line diff', async () => {
    const phrasesBefore = readRule('phrases.json');
    await tryMessage(MESSAGE);
    await decisionField('urgency', 'routine').waitFor();

    await findNode('burst-or-flooding');
    await page.getByLabel('New phrase (burstOrFlooding)').fill(NEW_PHRASE);
    await page.getByRole('button', { name: 'Add phrase to burstOrFlooding' }).click();
    await page.getByRole('button', { name: `Remove phrase ${NEW_PHRASE}` }).waitFor();

    await tryMessage(MESSAGE);
    await decisionField('urgency', 'emergency').waitFor();
    await decisionField('branch', 'dispatch').waitFor();
    await decisionField('template', 'active_leak').waitFor();
    const outcome = page.locator('article[data-rule="burst-or-flooding"]');
    expect(await outcome.locator('.matched').textContent()).toContain(NEW_PHRASE);
    expect(await page.getByTestId('reply').textContent()).toContain('Reply STOP to opt out.');
    await page.locator('.graph-node.mark-fired', { hasText: 'burst-or-flooding' }).waitFor();
    await page.locator('.graph-node.mark-chosen', { hasText: 'active_leak' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'try-it.png') });

    await page.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes to save' });
    await dialog.getByRole('region', { name: 'Changes to phrases.json' }).waitFor();
    expect(await dialog.locator('.diff-added').count()).toBe(1);
    expect(await dialog.locator('.diff-removed').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'review.png') });
    await dialog.getByRole('button', { name: 'Save to rules folder' }).click();
    await page.getByText('All saved').waitFor();

    const phrasesAfter = readRule('phrases.json');
    const changed = structuredPatch('a', 'b', phrasesBefore, phrasesAfter).hunks.flatMap((hunk) =>
      hunk.lines.filter((line) => line.startsWith('+') || line.startsWith('-')),
    );
    expect(changed).toEqual([`+        "${NEW_PHRASE}",`]);
    expect(JSON.parse(phrasesAfter).lists.burstOrFlooding.phrases[0]).toBe(NEW_PHRASE);

    const check = execFileSync(
      'node',
      [join(repoRoot, 'bin/ringback.mjs'), 'rules', 'check', rulesDir],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(check).not.toMatch(/problem/i);
  });

  it('cannot save an invalid edit', async () => {
    const triageBefore = readRule('triage.json');
    await page.getByLabel('Edit level').selectOption('full');
    await findNode('gas-smell');
    await page.getByRole('spinbutton', { name: 'Priority' }).fill('0');

    await page.locator('.graph-node.has-problems', { hasText: 'gas-smell' }).waitFor();
    await page.getByRole('tab', { name: 'Problems' }).click();
    const problem = page.locator('#tabpanel-problems .problem[data-code="schema"]', {
      hasText: '/rules/0/priority',
    });
    await problem.waitFor();

    await page.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes to save' });
    await dialog.getByText('Fix these problems before saving').waitFor();
    expect(await dialog.getByRole('button', { name: 'Save to rules folder' }).isDisabled()).toBe(
      true,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'invalid.png') });

    const status = await page.evaluate(async () => {
      const rules = await (await fetch('/api/rules')).json();
      const triage = rules.files['triage.json'];
      triage.rules[0].priority = 0;
      const response = await fetch('/api/rules/triage.json', {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'if-match': `"${rules.versions['triage.json']}"`,
        },
        body: JSON.stringify(triage),
      });
      return response.status;
    });
    expect(status).toBe(422);
    expect(readRule('triage.json')).toBe(triageBefore);
  });

  it('undoes and redoes from the keyboard', async () => {
    await findNode('gas-smell');
    await page.getByLabel('New phrase (gasSmell)').fill('gas whiff');
    await page.getByLabel('New phrase (gasSmell)').press('Enter');
    const chip = page.getByRole('button', { name: 'Remove phrase gas whiff' });
    await chip.waitFor();
    await page.getByText('1 unsaved file').waitFor();

    await page.keyboard.press('Control+z');
    await chip.waitFor({ state: 'detached' });
    await page.getByText('All saved').waitFor();

    await page.keyboard.press('Control+Shift+z');
    await chip.waitFor();
    await page.getByText('1 unsaved file').waitFor();
  });

  it('selects a node from the keyboard', async () => {
    const node = page.locator('.react-flow__node[data-id="rule:triage.json:0"]');
    await node.focus();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /^Rule gas-smell/ }).waitFor();
    expect(await page.getByRole('tab', { name: 'Edit' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it('lists texts in the outbox', async () => {
    await page.getByRole('tab', { name: 'Outbox' }).click();

    const message = page.locator('.outbox-message', { hasText: 'automated text line' });
    await message.waitFor();
    expect(await message.textContent()).toContain('+1******0123');
    expect(await message.textContent()).toContain('1 segment · GSM-7');
  });

  it('shows the SMS segment count of a template as it is typed', async () => {
    await findNode('active_leak');
    const text = page.getByLabel('Template text');
    await text.fill('Shut off the main valve, {{company.name}} is on the way.');
    await page.locator('.inspector .segments', { hasText: '1 segment · GSM-7' }).waitFor();

    await text.fill('Shut off the main valve 🚰, {{company.name}} is on the way.');
    await page.locator('.inspector .segments', { hasText: '2 segments · UCS-2' }).waitFor();
    expect(await page.locator('.inspector .sms-preview').textContent()).toContain('Apex Plumbing');
    await page.screenshot({ path: join(SCREENSHOTS, 'template.png') });
  });
});
