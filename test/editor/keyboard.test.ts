import { describe, expect, it } from 'vitest';
import { findNode, useEditorPerTest } from './browser.ts';

const editor = useEditorPerTest();

/** Returns the accessible name parts of the focused element: tag, aria-label, label text. */
function focused() {
  return editor().page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const labelled = element?.id ? document.querySelector(`label[for="${element.id}"]`) : null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      ariaLabel: element?.getAttribute('aria-label') ?? '',
      label: labelled?.textContent ?? '',
      text: element?.textContent ?? '',
      inDialog: element?.closest('dialog') !== null,
    };
  });
}

describe('keyboard use in Chromium', () => {
  it('skips the graph with a link', async () => {
    const page = editor().page;
    await page.getByRole('button', { name: 'Review and save' }).focus();
    await page.keyboard.press('Tab');

    const link = page.getByRole('link', { name: 'Skip to editor panel' });
    expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await link.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ text: 'Edit' });
  });

  it('focuses the first field after Enter on a node', async () => {
    const page = editor().page;
    await page.locator('.react-flow__node[data-id="rule:triage.json:0"]').focus();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /^Rule gas-smell/ }).waitFor();
    await expect.poll(async () => (await focused()).label).toBe('Description');
  });

  it('keeps read-only fields out of the Tab order', async () => {
    const page = editor().page;
    await findNode(page, 'gas-smell');
    const name = page.getByLabel('Rule name');

    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await name.getAttribute('tabindex')).toBe('-1');
  });

  it('moves focus to the next chip after a removal', async () => {
    const page = editor().page;
    await findNode(page, 'burst-or-flooding');
    const group = page.getByRole('group', { name: 'Phrase list burstOrFlooding' });
    const chips = group.locator('.chip');
    const second = await chips.nth(1).locator('span').textContent();
    const last = await chips.last().locator('span').textContent();

    await chips.first().getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).ariaLabel).toBe(`Remove phrase ${second}`);

    await chips.last().getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('button', { name: `Remove phrase ${last}` })
      .waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused()).label).toBe('New phrase (burstOrFlooding)');
  });

  it('shows a duplicate phrase visibly', async () => {
    const page = editor().page;
    await findNode(page, 'gas-smell');
    const chips = page.getByRole('group', { name: 'Phrase list gasSmell' }).locator('.chip');
    const existing = (await chips.first().locator('span').textContent()) ?? '';

    const input = page.getByLabel('New phrase (gasSmell)');
    await input.fill(existing);
    await input.press('Enter');

    const message = page.locator('.phrase-list .field-error', { hasText: 'is already in' });
    await message.waitFor();
    expect(await message.isVisible()).toBe(true);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps Tab inside the review dialog', async () => {
    const page = editor().page;
    await findNode(page, 'gas-smell');
    await page.getByLabel('New phrase (gasSmell)').fill('gas whiff');
    await page.getByLabel('New phrase (gasSmell)').press('Enter');
    await page.getByRole('button', { name: 'Review and save' }).click();
    await page.getByRole('dialog', { name: 'Changes to save' }).waitFor();

    for (let press = 0; press < 6; press += 1) {
      await page.keyboard.press('Tab');
      expect((await focused()).inDialog).toBe(true);
    }
    for (let press = 0; press < 6; press += 1) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused()).inDialog).toBe(true);
    }
  });

  it('moves between side tabs with Home and End', async () => {
    const page = editor().page;
    await page.getByRole('tab', { name: 'Edit' }).focus();

    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Outbox' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect((await focused()).text).toBe('Outbox');

    await page.keyboard.press('Home');
    expect(await page.getByRole('tab', { name: 'Edit' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect((await focused()).text).toBe('Edit');
  });
});
