import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNode, useEditorPerTest } from './browser.ts';

const editor = useEditorPerTest();

describe('editor panels in Chromium', () => {
  it('says reload once on a conflict', async () => {
    const { page, rulesDir } = editor();
    await findNode(page, 'gas-smell');
    await page.getByLabel('New phrase (gasSmell)').fill('gas whiff');
    await page.getByLabel('New phrase (gasSmell)').press('Enter');
    writeFileSync(join(rulesDir, 'phrases.json'), '{"lists": {}}\n');

    await page.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes to save' });
    await dialog.getByRole('button', { name: 'Save to rules folder' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();

    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('changed on disk');
    expect(text.match(/reload/gi)).toHaveLength(1);
  });

  it('names rule sets in plain words', async () => {
    const page = editor().page;
    const node = page.locator('.react-flow__node[data-id="ruleSet:keywords.json"]');

    expect(await node.textContent()).toContain('Keywords (keywords.json)');
    expect(await node.getAttribute('aria-label')).toBe('Rule set Keywords (keywords.json)');
  });

  it('nests conditions in the try-it panel', async () => {
    const page = editor().page;
    await page.getByRole('tab', { name: 'Try it' }).click();
    await page.getByLabel('Customer message').fill('I smell gas in the kitchen');
    const rule = page.locator('article[data-rule="gas-smell"]');
    await rule.waitFor();

    const root = rule.locator('.condition-outcomes > .outcome-group');
    expect(await root.locator('> .outcome-group-title').textContent()).toContain('Any of');
    const allGroups = root.locator('> ol > .outcome-group');
    expect(await allGroups.count()).toBe(3);
    for (let index = 0; index < 3; index += 1) {
      const title = allGroups.nth(index).locator('> .outcome-group-title');
      expect(await title.textContent()).toContain('All of');
    }
    const gasDoubt = rule.locator('.outcome-leaf', { hasText: '["gasMention","gasDoubt"]' });
    expect(await gasDoubt.count()).toBe(2);
    expect(await allGroups.nth(0).locator('.outcome-leaf').count()).toBe(2);
  });

  it('shows the React Flow attribution', async () => {
    const attribution = editor().page.locator('.react-flow__attribution a');

    expect(await attribution.isVisible()).toBe(true);
    expect(await attribution.getAttribute('href')).toContain('reactflow.dev');
  });
});
