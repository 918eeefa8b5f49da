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
