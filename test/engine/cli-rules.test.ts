import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  CaseFileError,
  readCaseFile,
  reportingFailures,
  runCheck,
  runClassify,
  runTest,
} from '../../worker/cli-rules.ts';
import { DEFAULT_RULES_DIR } from '../../worker/rules-files.ts';

let dir: string;
let printed: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringback-rules-'));
  printed = [];
  const capture = (...args: unknown[]) => {
    printed.push(args.join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function writeCases(lines: unknown[]): string {
  const file = join(dir, 'cases.jsonl');
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
  writeFileSync(file, text.join('\n'));
  return file;
}

describe('rules check', () => {
  it('passes the repository rules', () => {
    expect(runCheck(DEFAULT_RULES_DIR)).toBe(0);
  });

  it('exits 1 listing each problem with file and path', () => {
    const rules = join(dir, 'rules');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    const triage = JSON.parse(readFileSync(join(rules, 'triage.json'), 'utf8'));
    triage.rules[0].event.params.template = 'gas_warning';
    triage.rules[1].conditions.all[0].operator = 'resembles';
    writeFileSync(join(rules, 'triage.json'), JSON.stringify(triage));

    expect(runCheck(rules)).toBe(1);
    expect(printed).toContain(
      '[unknown-template] rules/triage.json: /rules/0/event/params/template: ' +
        "template 'gas_warning' is not defined in templates.json",
    );
    expect(printed).toContain(
      '[unknown-operator] rules/triage.json: /rules/1/conditions/all/0/operator: ' +
        "operator 'resembles' is not registered with the engine",
    );
  });
});

describe('rules classify', () => {
  it('prints one JSON line per text', async () => {
    const file = writeCases([
      { id: 'a', text: 'I smell gas at 880 Tinderwick Ct, Denver CO 80219' },
      { id: 'b', text: 'STOP', afterHours: true },
    ]);
    expect(await runClassify(file, DEFAULT_RULES_DIR)).toBe(0);

    const lines = printed.map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      id: 'a',
      urgency: 'gas',
      jobType: 'Gas Line',
      keyword: null,
      propertyType: 'unknown',
      intent: 'unknown',
      zip: '80219',
      rules: expect.arrayContaining(['gas-smell']),
    });
    expect(lines[1].keyword).toBe('STOP');
  });
});

describe('rules test', () => {
  it('exits 0 when every field matches', async () => {
    const expected = { keyword: 'STOP', urgency: 'none' };
    const file = writeCases([{ id: 'a', text: 'STOP', expect: expected }]);
    expect(await runTest(file, DEFAULT_RULES_DIR)).toBe(0);
    expect(printed).toContain('all texts match');
  });

  it('prints mismatches and per-field accuracy, exiting 1', async () => {
    const file = writeCases([
      { id: 'a', text: 'pipe burst', expect: { urgency: 'emergency' } },
      { id: 'b', text: 'pipe burst', expect: { urgency: 'routine' } },
    ]);
    expect(await runTest(file, DEFAULT_RULES_DIR)).toBe(1);
    expect(printed).toContain('b: urgency expected "routine", got "emergency"');
    expect(printed.some((line) => /urgency\s+1\/2\s+50\.0%/.test(line))).toBe(true);
  });
});

describe('reportingFailures', () => {
  it('prints a bad input line and exits 1', async () => {
    const file = writeCases(['not json']);
    expect(await reportingFailures(() => runClassify(file, DEFAULT_RULES_DIR))).toBe(1);
    expect(printed[0]).toMatch(/cases\.jsonl:1: invalid JSON/);
  });

  it('prints invalid JSON in a rule file and exits 1', async () => {
    const rules = join(dir, 'rules');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    writeFileSync(join(rules, 'triage.json'), '{ "rules": [');
    expect(await reportingFailures(async () => runCheck(rules))).toBe(1);
    expect(printed[0]).toMatch(/^triage\.json: invalid JSON/);
  });

  it('lists rule problems when classifying with broken rules', async () => {
    const rules = join(dir, 'rules');
    cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
    const templates = JSON.parse(readFileSync(join(rules, 'templates.json'), 'utf8'));
    delete templates.help;
    writeFileSync(join(rules, 'templates.json'), JSON.stringify(templates));
    const file = writeCases([{ id: 'a', text: 'HELP' }]);

    expect(await reportingFailures(() => runClassify(file, rules))).toBe(1);
    expect(printed[0]).toMatch(/^\[unknown-template\] rules\/keywords\.json: \/rules\/\d+\/event/);
    expect(printed[0]).toContain("template 'help' is not defined");
  });

  it('rethrows other errors', async () => {
    const failing = () => Promise.reject(new RangeError('bug'));
    await expect(reportingFailures(failing)).rejects.toThrow('bug');
  });
});

describe('readCaseFile', () => {
  it('names the line and field of a bad line', () => {
    const file = writeCases([{ id: 'a', text: 'hi' }, '', { id: 'b', text: 42 }]);
    expect(() => readCaseFile(file, false)).toThrow(CaseFileError);
    expect(() => readCaseFile(file, false)).toThrow(`${file}:3: field "text" must be a string`);
  });

  it('names a line that is not JSON', () => {
    const file = writeCases(['{"id": "a",']);
    expect(() => readCaseFile(file, false)).toThrow(`${file}:1: invalid JSON`);
  });

  it('requires expect for rules test', () => {
    const file = writeCases([{ id: 'a', text: 'hi' }]);
    expect(() => readCaseFile(file, true)).toThrow(`${file}:1: field "expect" must be an object`);
  });

  it('rejects an unknown expected field', () => {
    const file = writeCases([{ id: 'a', text: 'hi', expect: { mood: 'calm' } }]);
    expect(() => readCaseFile(file, true)).toThrow('field "expect.mood" is not one of');
  });

  it('rejects a non-boolean afterHours', () => {
    const file = writeCases([{ id: 'a', text: 'hi', afterHours: 'yes' }]);
    expect(() => readCaseFile(file, false)).toThrow(
      `${file}:1: field "afterHours" must be true or false`,
    );
  });
});
