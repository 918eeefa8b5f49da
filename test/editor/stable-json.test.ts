import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRuleFile } from '../../editor/src/format/stableJson.js';

const businessText = readFileSync(new URL('../../rules/business.json', import.meta.url), 'utf8');

function changedLines(before: string, after: string) {
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  return {
    removed: beforeLines.filter((line) => !afterLines.includes(line)),
    added: afterLines.filter((line) => !beforeLines.includes(line)),
  };
}

describe('formatRuleFile', () => {
  it('reproduces an unchanged file byte for byte', () => {
    expect(formatRuleFile(JSON.parse(businessText), businessText)).toBe(businessText);
  });

  it('changes one line when a word is added to a one-line list', () => {
    const settings = JSON.parse(businessText);
    settings.holidays.dates.push('2026-12-31');

    const { removed, added } = changedLines(businessText, formatRuleFile(settings, businessText));

    expect(removed).toEqual(['    "dates": ["2026-12-24"],']);
    expect(added).toEqual(['    "dates": ["2026-12-24", "2026-12-31"],']);
  });

  it('keeps expanded objects expanded after a value changes', () => {
    const settings = JSON.parse(businessText);
    settings.timers.replyWindow = '48h';

    const { removed, added } = changedLines(businessText, formatRuleFile(settings, businessText));

    expect(removed).toEqual(['    "replyWindow": "24h",']);
    expect(added).toEqual(['    "replyWindow": "48h",']);
  });

  it('writes a new item like its siblings', () => {
    const settings = JSON.parse(businessText);
    settings.technicians.push({ id: 'dee', name: 'Dee Park', phone: '+13125550144', skills: [] });

    const text = formatRuleFile(settings, businessText);

    expect(text).toContain(
      '\n    { "id": "dee", "name": "Dee Park", "phone": "+13125550144", "skills": [] }\n',
    );
  });

  it('keeps key order and ends with a newline', () => {
    const text = formatRuleFile({ zeta: 1, alpha: { b: [1, 2], a: 'x' } });

    expect(text).toBe('{\n  "zeta": 1,\n  "alpha": { "b": [1, 2], "a": "x" }\n}\n');
  });

  it('expands new containers wider than the line width', () => {
    const phrases = Array.from({ length: 20 }, (_, index) => `phrase number ${index}`);

    const text = formatRuleFile({ phrases });

    expect(text.trimEnd().split('\n')).toHaveLength(phrases.length + 4);
    expect(text).toContain('\n    "phrase number 0",\n');
  });
});
