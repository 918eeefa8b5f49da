import { existsSync, readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { createClassifier, loadRuleBundle, type ExplainDetail } from '../../engine/index.ts';
import { readSchemas } from '../../worker/rules-files.ts';
import { copyOfRuleFiles, readLabelledTexts, repoBundle } from './rules-fixture.ts';

// By default the classifier runs only the rules that can pass for a message. With
// `runEveryRule`, json-rules-engine runs all of them. Both must give the same decision,
// explain included, so these tests compare the two as JSON.

const devSet = new URL('../../../shared/cases/triage-dev.jsonl', import.meta.url);
const heldOutFiles = readdirSync(new URL('.', import.meta.url))
  .filter((name) => /^held-out(-\d+)?\.jsonl$/.test(name))
  .map((name) => new URL(`./${name}`, import.meta.url));
const texts = [...(existsSync(devSet) ? [devSet] : []), ...heldOutFiles].flatMap((file) =>
  readLabelledTexts(file),
);

const DETAILS: ExplainDetail[] = ['compact', 'full'];

describe('rule skipping', () => {
  const skipping = createClassifier(repoBundle());
  const reference = createClassifier(repoBundle(), { runEveryRule: true });

  it('covers the held-out texts', () => {
    expect(heldOutFiles.length).toBeGreaterThanOrEqual(10);
    expect(texts.length).toBeGreaterThanOrEqual(300);
  });

  it.each(DETAILS)('matches every rule run, %s explain', async (explain) => {
    for (const { id, text, afterHours } of texts) {
      for (const hours of [afterHours ?? false, !(afterHours ?? false)]) {
        const input = { text, afterHours: hours };
        const skipped = await skipping.classify(input, { explain });
        const full = await reference.classify(input, { explain });
        expect(JSON.stringify(skipped), `${id} afterHours=${hours}`).toBe(JSON.stringify(full));
      }
    }
  });

  it('matches every rule run for not and other facts', async () => {
    const files = copyOfRuleFiles();
    files['qualification.json'].rules.push(
      {
        name: 'quiet-after-hours-request',
        description: 'After hours, no price question, and short or naming no fixture.',
        priority: 40,
        conditions: {
          all: [
            { fact: 'afterHours', operator: 'equal', value: true },
            { not: { fact: 'message', operator: 'mentions', value: 'priceRequest' } },
            {
              any: [
                { fact: 'wordCount', operator: 'lessThan', value: 6 },
                { fact: 'message', operator: 'not:mentions', value: 'fixtures' },
              ],
            },
          ],
        },
        event: { type: 'intent', params: { intent: 'ready_to_book' } },
      },
      {
        name: 'not-a-leak',
        description: 'A text that names no leak.',
        priority: 3,
        conditions: { not: { fact: 'message', operator: 'mentions', value: 'leakingNow' } },
        event: { type: 'propertyType', params: { propertyType: 'residential' } },
      },
    );
    const bundle = loadRuleBundle(files, readSchemas());
    const skipping = createClassifier(bundle);
    const reference = createClassifier(bundle, { runEveryRule: true });

    const inputs = [
      { text: 'ok', afterHours: true },
      { text: 'how much to fix a leaking sink', afterHours: true },
      { text: 'water is leaking from the toilet right now', afterHours: false },
      { text: 'can someone come look at the kitchen faucet tonight', afterHours: true },
    ];
    for (const input of inputs) {
      for (const explain of DETAILS) {
        const skipped = await skipping.classify(input, { explain });
        const full = await reference.classify(input, { explain });
        expect(JSON.stringify(skipped), `${input.text} ${explain}`).toBe(JSON.stringify(full));
      }
    }
  });

  it('gives each decision its own explain', async () => {
    const classifier = createClassifier(repoBundle());
    const text = 'the water heater is making a noise';
    const first = await classifier.classify({ text }, { explain: 'full' });
    for (const rule of first.explain) {
      if (rule.event) rule.event.params.changed = true;
      for (const condition of rule.conditions) condition.expected = 'changed';
    }

    const second = await classifier.classify({ text }, { explain: 'full' });
    for (const rule of second.explain) {
      expect(rule.event?.params.changed, rule.name).toBeUndefined();
      for (const condition of rule.conditions) expect(condition.expected).not.toBe('changed');
    }
  });
});
