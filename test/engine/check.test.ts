import { describe, expect, it } from 'vitest';

import {
  BUNDLED_SCHEMAS,
  checkBusinessSettings,
  checkRuleFiles,
  hashRuleFiles,
  loadRuleBundle,
  problem,
  relocateProblem,
  RuleBundleError,
  TEMPLATE_VARIABLES,
} from '../../engine/index.ts';
import { readSchemas } from '../../worker/rules-files.ts';
import { copyOfRuleFiles, repoRuleFiles } from './rules-fixture.ts';

const codes = (problems: { code: string }[]) => problems.map((problem) => problem.code);
const diskSchemas = readSchemas();
const check = (files: Record<string, unknown>) => checkRuleFiles(files, diskSchemas);

describe('checkRuleFiles', () => {
  it('accepts the repository rule files', () => {
    expect(check(repoRuleFiles())).toEqual([]);
  });

  it('accepts them with the bundled schemas too', () => {
    const files = copyOfRuleFiles();
    for (const name of Object.keys(files)) {
      if (!(name.replace('.json', '.schema.json') in BUNDLED_SCHEMAS)) delete files[name];
    }
    expect(checkRuleFiles(files)).toEqual([]);
  });

  it('reports a schema error at its JSON path', () => {
    const files = copyOfRuleFiles();
    delete files['triage.json'].rules[0].event.params.template;

    const problems = check(files);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'schema',
      file: 'triage.json',
      path: '/rules/0/event/params',
    });
    expect(problems[0].message).toBe(
      "rules/triage.json: /rules/0/event/params: must have required property 'template'",
    );
  });

  it('names a property the schema does not allow', () => {
    const files = copyOfRuleFiles();
    files['keywords.json'].rules[0].colour = 'red';
    const [problem] = check(files);
    expect(problem.path).toBe('/rules/0');
    expect(problem.message).toContain("property 'colour' is not allowed here");
  });

  it('lists the allowed values of an enum', () => {
    const files = copyOfRuleFiles();
    files['triage.json'].rules[0].event.params.urgency = 'urgent';
    const messages = check(files).map((problem) => problem.message);
    expect(messages).toContain(
      'rules/triage.json: /rules/0/event/params/urgency: ' +
        'must be one of "gas", "emergency", "sewer", "routine"',
    );
  });

  it('reports a template that templates.json lacks', () => {
    const files = copyOfRuleFiles();
    delete files['templates.json'].gas_safety;

    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-template']);
    expect(problems[0].path).toBe('/rules/0/event/params/template');
    expect(problems[0].message).toBe(
      'rules/triage.json: /rules/0/event/params/template: ' +
        "template 'gas_safety' is not defined in templates.json",
    );
  });

  it('reports a phrase operator on another fact', () => {
    const files = copyOfRuleFiles();
    files['triage.json'].rules[1].conditions.all[0].fact = 'wordCount';

    const problems = check(files);
    expect(codes(problems)).toEqual(['wrong-fact']);
    expect(problems[0].path).toBe('/rules/1/conditions/all/0/fact');
    expect(problems[0].message).toContain("never matches fact 'wordCount'");
  });

  it('rejects a priority above the maximum', () => {
    const files = copyOfRuleFiles();
    files['triage.json'].rules[0].priority = 10_000_000;
    const problems = check(files);
    expect(codes(problems)).toEqual(['schema']);
    expect(problems[0].path).toBe('/rules/0/priority');
  });

  it('reports a misspelt template variable', () => {
    const files = copyOfRuleFiles();
    files['templates.json'].opening_open.text = 'Hi from {{company.nmae}}, an automated text.';

    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-variable']);
    expect(problems[0].file).toBe('templates.json');
    expect(problems[0].path).toBe('/opening_open/text');
    expect(problems[0].message).toContain(
      "variable 'company.nmae' is not one the product fills in",
    );
  });

  it('accepts every variable the product fills in', () => {
    const files = copyOfRuleFiles();
    const every = [...TEMPLATE_VARIABLES].map((name) => `{{${name}}}`).join(' ');
    files['templates.json'].help.text = every;
    expect(check(files)).toEqual([]);
  });

  it('requires the template of routine work', () => {
    const files = copyOfRuleFiles();
    delete files['templates.json'].non_emergency;
    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-template']);
    expect(problems[0].file).toBe('templates.json');
  });

  it('reports an operator the engine lacks', () => {
    const files = copyOfRuleFiles();
    files['triage.json'].rules[1].conditions.all[0].operator = 'sortOf';
    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-operator']);
    expect(problems[0].path).toBe('/rules/1/conditions/all/0/operator');
  });

  it('accepts a decorated operator', () => {
    const files = copyOfRuleFiles();
    files['triage.json'].rules[1].conditions.all[0].operator = 'not:mentions';
    expect(check(files)).toEqual([]);
  });

  it('reports a fact the engine does not provide', () => {
    const files = copyOfRuleFiles();
    files['qualification.json'].rules[0].conditions.all[0].fact = 'customer';
    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-fact']);
    expect(problems[0].message).toContain("fact 'customer' is not defined");
  });

  it('reports a phrase list phrases.json lacks', () => {
    const files = copyOfRuleFiles();
    files['keywords.json'].rules[0].conditions.all[0].value.ignoring = 'courtesies';
    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-phrase-list']);
    expect(problems[0].path).toBe('/rules/0/conditions/all/0/value');
  });

  it('reports rules whose order is left open', () => {
    const files = copyOfRuleFiles();
    const rules: { name: string; priority: number }[] = files['qualification.json'].rules;
    const ruleNamed = (name: string) => rules.find((rule) => rule.name === name)!;
    ruleNamed('residential-property').priority = ruleNamed('commercial-property').priority;

    const problems = check(files);
    expect(codes(problems)).toEqual(['priority-tie']);
    expect(problems[0].message).toContain(
      "rule 'residential-property' and rule 'commercial-property'",
    );
  });

  it('allows equal priorities for different urgencies', () => {
    const files = copyOfRuleFiles();
    for (const rule of files['triage.json'].rules) {
      if (rule.event.type === 'urgency') rule.priority = 50;
    }
    expect(check(files)).toEqual([]);
  });

  it('reports a duplicate rule name', () => {
    const files = copyOfRuleFiles();
    files['qualification.json'].rules[0].name = 'gas-smell';
    const problems = check(files);
    expect(codes(problems)).toEqual(['duplicate-rule']);
    expect(problems[0].file).toBe('triage.json');
    expect(problems[0].message).toContain("'gas-smell' is already used in qualification.json");
  });

  it('reports a rules file with no schema', () => {
    const files = copyOfRuleFiles();
    files['pricing.json'] = { rules: [] };
    const problems = check(files);
    expect(codes(problems)).toEqual(['missing-schema']);
    expect(problems[0].message).toContain('no schema pricing.schema.json');
  });

  it('finds a schema by the file name', () => {
    const files = copyOfRuleFiles();
    files['escalation.json'] = { steps: 'three' };
    const schemas = {
      ...BUNDLED_SCHEMAS,
      'escalation.schema.json': {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { steps: { type: 'array' } },
      },
    };
    const problems = checkRuleFiles(files, schemas);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'schema', file: 'escalation.json', path: '/steps' });
  });

  it('validates business.json by its schema', () => {
    const files = copyOfRuleFiles();
    files['business.json'] = { id: 'Apex Plumbing', company: {}, hours: {} };
    const problems = check(files);
    expect(problems.every((problem) => problem.file === 'business.json')).toBe(true);
    expect(problems.map((problem) => problem.path)).toContain('/id');
  });

  it('reports a missing required file', () => {
    const files = copyOfRuleFiles();
    delete files['phrases.json'];
    expect(codes(check(files))).toEqual(['missing-file']);
  });
});

describe('business settings cross-checks', () => {
  it('report an unknown time zone', () => {
    const files = copyOfRuleFiles();
    files['business.json'].company.timezone = 'Central Time';
    const problems = check(files);
    expect(codes(problems)).toEqual(['unknown-timezone']);
    expect(problems[0]).toMatchObject({ file: 'business.json', path: '/company/timezone' });
    expect(problems[0].message).toBe(
      "rules/business.json: /company/timezone: time zone 'Central Time' is not a valid IANA " +
        'time zone; use a name such as America/Chicago',
    );
  });

  it.each(['America/Chicago', 'Europe/Lisbon', 'UTC', 'Pacific/Honolulu'])(
    'accept time zone %s',
    (zone) => {
      const files = copyOfRuleFiles();
      files['business.json'].company.timezone = zone;
      expect(check(files)).toEqual([]);
    },
  );

  it('report each unknown technician by path', () => {
    const files = copyOfRuleFiles();
    const settings = files['business.json'];
    settings.onCall.rotation.order = ['ana', 'zed', 'cal'];
    settings.onCall.backup = 'bob';
    settings.onCall.overrides = [
      { from: '2026-12-24', to: '2026-12-26', technician: 'cal' },
      { from: '2026-12-31', to: '2027-01-01', technician: 'ann' },
    ];
    settings.booking.technicianHours['c/al'] = settings.booking.technicianHours.cal;

    const problems = check(files);
    expect(codes(problems)).toEqual(Array(4).fill('unknown-technician'));
    expect(problems.map((found) => found.path)).toEqual([
      '/onCall/rotation/order/1',
      '/onCall/backup',
      '/onCall/overrides/1/technician',
      '/booking/technicianHours/c~1al',
    ]);
    expect(problems[1].message).toBe(
      "rules/business.json: /onCall/backup: technician 'bob' is not in /technicians; " +
        'add the technician or correct the id',
    );
  });

  it('report on-call technicians when none are listed', () => {
    const files = copyOfRuleFiles();
    delete files['business.json'].technicians;
    delete files['business.json'].booking.technicianHours;
    const paths = check(files).map((found) => found.path);
    expect(paths).toEqual([
      '/onCall/rotation/order/0',
      '/onCall/rotation/order/1',
      '/onCall/rotation/order/2',
      '/onCall/backup',
    ]);
  });

  it('skip parts the schema already rejects', () => {
    const files = copyOfRuleFiles();
    files['business.json'].company.timezone = 42;
    files['business.json'].onCall.rotation = 'ana';
    files['business.json'].onCall.overrides = [null];
    expect(codes(check(files))).toEqual(['schema', 'schema', 'schema']);
  });
});

describe('checkBusinessSettings', () => {
  it('accepts the repository settings', () => {
    expect(checkBusinessSettings(copyOfRuleFiles()['business.json'], diskSchemas)).toEqual([]);
  });

  it('runs the schema and the cross-checks', () => {
    const settings = copyOfRuleFiles()['business.json'];
    settings.company.timezone = 'America/Chicgo';
    settings.id = 'Apex Plumbing';
    const problems = checkBusinessSettings(settings, diskSchemas);
    expect(codes(problems)).toEqual(['schema', 'unknown-timezone']);
    expect(problems.map((found) => found.path)).toEqual(['/id', '/company/timezone']);
  });
});

describe('relocateProblem', () => {
  it('names the file where it is kept', () => {
    const found = problem('unknown-template', 'triage.json', '/rules/0', 'gas_warning');
    const moved = relocateProblem(found, '/srv/rules/triage.json');
    expect(moved.message).toBe(
      "/srv/rules/triage.json: /rules/0: template 'gas_warning' is not defined in templates.json",
    );
    expect(moved.file).toBe('triage.json');
  });
});

describe('loadRuleBundle', () => {
  it('throws RuleBundleError carrying the problems', () => {
    const files = copyOfRuleFiles();
    delete files['templates.json'].help;
    let error: unknown;
    try {
      loadRuleBundle(files, diskSchemas);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleBundleError);
    expect(codes((error as RuleBundleError).problems)).toEqual(['unknown-template']);
    expect((error as Error).message).toContain("template 'help' is not defined");
  });

  it('hashes content, not formatting or key order', () => {
    const files = copyOfRuleFiles();
    const reordered = Object.fromEntries(Object.entries(files).reverse());
    const { description, ...rest } = reordered['triage.json'];
    reordered['triage.json'] = { ...rest, description };

    expect(hashRuleFiles(reordered)).toBe(hashRuleFiles(files));
    expect(loadRuleBundle(files, diskSchemas).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the hash when a phrase changes', () => {
    const files = copyOfRuleFiles();
    const before = hashRuleFiles(files);
    files['phrases.json'].lists.gasSmell.phrases.push('gassy');
    expect(hashRuleFiles(files)).not.toBe(before);
  });
});
