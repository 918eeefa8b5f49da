import { describe, expect, it } from 'vitest';
import { findNode, useEditorPerTest } from './browser.ts';

const editor = useEditorPerTest();

describe('template fields in Chromium', () => {
  it('reports a misspelt variable', async () => {
    const page = editor().page;
    await findNode(page, 'active_leak');
    await page.getByLabel('Template text').fill('{{company.nmae}} is on the way.');

    const node = page.locator('.graph-node-template.has-problems', { hasText: 'active_leak' });
    await node.waitFor();
    expect(await node.locator('.graph-node-problems').textContent()).toContain('unknown-variable');

    const marked = page.locator('.inspector .sms-preview mark.unknown-variable');
    await marked.waitFor();
    expect(await marked.textContent()).toBe('{{company.nmae}}');
    expect(await page.locator('.inspector').textContent()).not.toContain('Sample values');

    await page.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes to save' });
    await dialog.getByText('Fix these problems before saving').waitFor();
    const save = dialog.getByRole('button', { name: 'Save to rules folder' });
    expect(await save.isDisabled()).toBe(true);
  });
});
