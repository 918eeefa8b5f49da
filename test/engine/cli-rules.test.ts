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
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** Copies the repository's rules to a temporary folder and returns its path. */
function copyRules(): string {
  const rules = join(dir, 'rules');
  cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
  return rules;
}

/** Rewrites one JSON file of a folder through `change`. */
function changeJson(folder: string, file: string, change: (content: any) => void): void {
  const content = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  change(content);
  writeFileSync(join(folder, file), JSON.stringify(content, null, 2));
}

function writeCases(lines: unknown[]): string {
  const file = join(dir, 'cases.jsonl');
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
  writeFileSync(file, text.join('\n'));
  return file;
}

describe('rules check', () => {
  it('passes the repository rules', () => {
    expect(runCheck(DEFAULT_RULES_DIR, undefined)).toBe(0);
    expect(printed).toContain('rules/business.json: business settings are valid');
  });

  it('exits 1 listing each problem with file and path', () => {
    const rules = copyRules();
    changeJson(rules, 'triage.json', (triage) => {
      triage.rules[0].event.params.template = 'gas_warning';
      triage.rules[1].conditions.all[0].operator = 'resembles';
    });

    expect(runCheck(rules, undefined)).toBe(1);
    expect(printed).toContain(
      `[unknown-template] ${rules}/triage.json: /rules/0/event/params/template: ` +
        "template 'gas_warning' is not defined in templates.json",
    );
    expect(printed).toContain(
      `[unknown-operator] ${rules}/triage.json: /rules/1/conditions/all/0/operator: ` +
        "operator 'resembles' is not registered with the engine",
    );
  });

  it('names files relative to the working folder', () => {
    const rules = copyRules();
    changeJson(rules, 'triage.json', (triage) => {
      triage.rules[0].event.params.template = 'gas_warning';
    });
    vi.spyOn(process, 'cwd').mockReturnValue(dir);

    expect(runCheck(rules, undefined)).toBe(1);
    expect(printed[0]).toMatch(/^\[unknown-template\] rules\/triage\.json: \/rules\/0\//);
  });

  it('reports invalid JSON with line and column', () => {
    const rules = copyRules();
    writeFileSync(join(rules, 'triage.json'), '{\n  "rules": [\n    {"name": "a",}\n  ]\n}\n');

    expect(runCheck(rules, undefined)).toBe(1);
    expect(printed).toContain(
      `[invalid-json] ${rules}/triage.json: invalid JSON at line 3, column 18: ` +
        'Expected double-quoted property name',
    );
    expect(printed.some((line) => line.includes('missing-file'))).toBe(false);
    expect(printed.at(-1)).toBe('1 problem(s) found');
  });

  it('reports every file that is not JSON', () => {
    const rules = copyRules();
    writeFileSync(join(rules, 'triage.json'), '{ "rules": [');
    writeFileSync(join(rules, 'keywords.json'), '');

    expect(runCheck(rules, undefined)).toBe(1);
    const invalid = printed.filter((line) => line.startsWith('[invalid-json]'));
    expect(invalid).toEqual([
      `[invalid-json] ${rules}/keywords.json: invalid JSON at line 1, column 1: ` +
        'Unexpected end of JSON input',
      `[invalid-json] ${rules}/triage.json: invalid JSON at line 1, column 13: ` +
        'Unexpected end of JSON input',
    ]);
  });
});

describe('rules check of business settings', () => {
  it('rejects an unknown time zone', () => {
    const rules = copyRules();
    changeJson(rules, 'business.json', (settings) => {
      settings.company.timezone = 'America/Chicgo';
    });

    expect(runCheck(rules, undefined)).toBe(1);
    expect(printed).toContain(
      `[unknown-timezone] ${rules}/business.json: /company/timezone: time zone ` +
        "'America/Chicgo' is not a valid IANA time zone; use a name such as America/Chicago",
    );
  });

  it('rejects unknown on-call technicians', () => {
    const rules = copyRules();
    changeJson(rules, 'business.json', (settings) => {
      settings.onCall.rotation.order = ['ana', 'bne'];
      settings.onCall.backup = 'dave';
      settings.onCall.overrides = [{ from: '2026-12-24', to: '2026-12-26', technician: 'eve' }];
    });

    expect(runCheck(rules, undefined)).toBe(1);
    const unknown = printed.filter((line) => line.startsWith('[unknown-technician]'));
    expect(unknown).toEqual([
      `[unknown-technician] ${rules}/business.json: /onCall/rotation/order/1: ` +
        "technician 'bne' is not in /technicians; add the technician or correct the id",
      `[unknown-technician] ${rules}/business.json: /onCall/backup: ` +
        "technician 'dave' is not in /technicians; add the technician or correct the id",
      `[unknown-technician] ${rules}/business.json: /onCall/overrides/0/technician: ` +
        "technician 'eve' is not in /technicians; add the technician or correct the id",
    ]);
  });

  it('checks the RINGBACK_CONFIG file in place of DIR/business.json', () => {
    const rules = copyRules();
    const settingsFile = join(dir, 'acme.json');
    const settings = JSON.parse(readFileSync(join(rules, 'business.json'), 'utf8'));
    settings.company.timezone = 'Mars/Olympus';
    delete settings.company.phone;
    writeFileSync(settingsFile, JSON.stringify(settings));

    expect(runCheck(rules, settingsFile)).toBe(1);
    expect(printed).toContain(
      `[schema] ${settingsFile}: /company: must have required property 'phone'`,
    );
    expect(printed).toContain(
      `[unknown-timezone] ${settingsFile}: /company/timezone: time zone 'Mars/Olympus' ` +
        'is not a valid IANA time zone; use a name such as America/Chicago',
    );
    expect(printed.at(-1)).toBe('2 problem(s) found');
  });

  it('reads RINGBACK_CONFIG from the environment', () => {
    const rules = copyRules();
    const settingsFile = join(dir, 'acme.json');
    writeFileSync(settingsFile, '{"id": "acme",');
    vi.stubEnv('RINGBACK_CONFIG', settingsFile);

    expect(runCheck(rules)).toBe(1);
    expect(printed[0]).toBe(
      `[invalid-json] ${settingsFile}: invalid JSON at line 1, column 15: ` +
        'Expected double-quoted property name',
    );
  });

  it('reports a RINGBACK_CONFIG file that does not exist', () => {
    const missing = join(dir, 'nowhere.json');
    expect(runCheck(copyRules(), missing)).toBe(1);
    expect(printed[0]).toMatch(
      new RegExp(
        `^\\[missing-file\\] ${missing}: cannot read the business settings named by ` +
          'RINGBACK_CONFIG: ENOENT',
      ),
    );
  });

  it('requires business.json without RINGBACK_CONFIG', () => {
    const rules = copyRules();
    rmSync(join(rules, 'business.json'));

    expect(runCheck(rules, undefined)).toBe(1);
    expect(printed[0]).toBe(
      `[missing-file] ${rules}/business.json: the business settings file is missing; add it, ` +
        'or set RINGBACK_CONFIG to the file the product runs with',
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
  it('exits 1 on an empty file', async () => {
    const file = writeCases([]);
    expect(await reportingFailures(() => runTest(file, DEFAULT_RULES_DIR))).toBe(1);
    expect(printed).toEqual([`${file}: no texts: the file is empty or has only blank lines`]);
  });

  it('stops at a misspelt expected label', async () => {
    const file = writeCases([{ id: 'a', text: 'pipe burst', expect: { urgency: 'emergncy' } }]);
    expect(await reportingFailures(() => runTest(file, DEFAULT_RULES_DIR))).toBe(1);
    expect(printed[0]).toMatch(/cases\.jsonl:1: field "expect\.urgency" is "emergncy"/);
    expect(printed.some((line) => line.includes('mismatch'))).toBe(false);
  });

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

  it('prints invalid JSON in a rule file when classifying', async () => {
    const rules = copyRules();
    writeFileSync(join(rules, 'triage.json'), '{ "rules": [');
    const file = writeCases([{ id: 'a', text: 'HELP' }]);

    expect(await reportingFailures(() => runClassify(file, rules))).toBe(1);
    expect(printed[0]).toBe(
      `[invalid-json] ${rules}/triage.json: invalid JSON at line 1, column 13: ` +
        'Unexpected end of JSON input',
    );
  });

  it('lists rule problems when classifying with broken rules', async () => {
    const rules = copyRules();
    changeJson(rules, 'templates.json', (templates) => {
      delete templates.help;
    });
    const file = writeCases([{ id: 'a', text: 'HELP' }]);

    expect(await reportingFailures(() => runClassify(file, rules))).toBe(1);
    const keywordsFile = `${rules}/keywords.json`.replace(/[/.]/gu, '\\$&');
    expect(printed[0]).toMatch(
      new RegExp(`^\\[unknown-template\\] ${keywordsFile}: /rules/\\d+/event`, 'u'),
    );
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

  it('rejects an expected value the classifier never outputs', () => {
    const file = writeCases([{ id: 'a', text: 'hi', expect: { urgency: 'emergncy' } }]);
    expect(() => readCaseFile(file, true)).toThrow(
      `${file}:1: field "expect.urgency" is "emergncy", not one of ` +
        '"gas", "emergency", "sewer", "routine", "none"',
    );
  });

  it('rejects an invalid expected ZIP code', () => {
    const file = writeCases([{ id: 'a', text: 'hi', expect: { zip: 60614 } }]);
    expect(() => readCaseFile(file, true)).toThrow(
      `${file}:1: field "expect.zip" is 60614, not a 5-digit string or null`,
    );
  });

  it('accepts null for nullable fields', () => {
    const expected = { jobType: null, keyword: null, zip: null };
    const file = writeCases([{ id: 'a', text: 'hi', expect: expected }]);
    expect(readCaseFile(file, true)[0].expect).toEqual(expected);
  });

  it('accepts a byte order mark', () => {
    const file = join(dir, 'bom.jsonl');
    const lines = [
      { id: 'a', text: 'hi' },
      { id: 'b', text: 'STOP' },
    ].map((line) => JSON.stringify(line));
    writeFileSync(file, `\uFEFF${lines[0]}\r\n\uFEFF${lines[1]}\r\n`);
    expect(readCaseFile(file, false).map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('rejects an empty file', () => {
    const file = writeCases(['', '  ']);
    expect(() => readCaseFile(file, true)).toThrow(
      `${file}: no texts: the file is empty or has only blank lines`,
    );
  });

  it('rejects a non-boolean afterHours', () => {
    const file = writeCases([{ id: 'a', text: 'hi', afterHours: 'yes' }]);
    expect(() => readCaseFile(file, false)).toThrow(
      `${file}:1: field "afterHours" must be true or false`,
    );
  });
});
