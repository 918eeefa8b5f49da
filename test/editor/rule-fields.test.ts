import { describe, expect, it } from 'vitest';
import { findNode, useEditorPerTest } from './browser.ts';

const editor = useEditorPerTest();

describe('rule fields in Chromium', () => {
  it('edits opensWith lists as chips', async () => {
    const page = editor().page;
    await findNode(page, 'opt-out-opening');

    const lists = page.getByLabel('Value: Phrase lists, any of which must appear');
    expect(await lists.inputValue()).toBe('openingOptOutWords');
    expect(await page.getByLabel('Value: Ignoring filler from').inputValue()).toBe('fillerWords');
    expect(await page.getByRole('textbox', { name: 'Value', exact: true }).count()).toBe(0);
    await page.getByRole('group', { name: 'Phrase list openingOptOutWords' }).waitFor();
    expect(await page.getByLabel('New phrase (openingOptOutWords)').count()).toBe(1);
  });
});

describe('priority field in Chromium', () => {
  async function expectSaveBlocked() {
    const page = editor().page;
    await page.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes to save' });
    await dialog.getByText('Fix these problems before saving').waitFor();
    const save = dialog.getByRole('button', { name: 'Save to rules folder' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  it('blocks saving an empty priority', async () => {
    const page = editor().page;
    await findNode(page, 'job-drain');
    const priority = page.getByRole('spinbutton', { name: 'Priority' });
    await priority.fill('');

    await page.getByText('Missing value: enter a whole number from 1 to 1,000,000.').waitFor();
    expect(await priority.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.graph-node.has-problems', { hasText: 'job-drain' }).waitFor();
    await expectSaveBlocked();
  });

  it('blocks saving a priority above the maximum', async () => {
    const page = editor().page;
    await findNode(page, 'job-drain');
    await page.getByRole('spinbutton', { name: 'Priority' }).fill('99999999999999999999');

    await page.getByRole('tab', { name: 'Problems' }).click();
    await page.locator('#tabpanel-problems .problem[data-code="schema"]').waitFor();
    await page.locator('.graph-node.has-problems', { hasText: 'job-drain' }).waitFor();
    await expectSaveBlocked();
  });
});
