import { existsSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { createClassifier } from '../../engine/index.ts';
import {
  readLabelledTexts,
  repoBundle,
  repoClassifier,
  type LabelledText,
} from './rules-fixture.ts';

const FIELDS = ['urgency', 'jobType', 'keyword', 'propertyType', 'intent', 'zip'] as const;
const devSet = new URL('../../../shared/cases/triage-dev.jsonl', import.meta.url);

async function expectLabels(item: LabelledText) {
  const input = { text: item.text, afterHours: item.afterHours };
  const decision = await repoClassifier().classify(input);
  for (const field of FIELDS) {
    if (field in item.expect) expect(decision[field], field).toBe(item.expect[field]);
  }
}

describe.skipIf(!existsSync(devSet))('dev set (../shared/cases/triage-dev.jsonl)', () => {
  const texts = existsSync(devSet) ? readLabelledTexts(devSet) : [];
  it.each(texts.map((item) => [item.id, item] as const))('classifies %s', async (_, item) => {
    await expectLabels(item);
  });
});

if (!existsSync(devSet)) {
  console.warn(`skipping the dev set: ${devSet.pathname} is absent`);
}

describe('held-out texts', () => {
  const texts = [
    ...readLabelledTexts(new URL('./held-out.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-2.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-3.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-4.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-5.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-6.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-7.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-8.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-9.jsonl', import.meta.url)),
    ...readLabelledTexts(new URL('./held-out-10.jsonl', import.meta.url)),
  ];

  it('has at least 60 texts', () => {
    expect(texts.length).toBeGreaterThanOrEqual(60);
  });

  it.each(texts.map((item) => [item.id, item.text, item] as const))(
    'classifies %s: %s',
    async (_, __, item) => {
      await expectLabels(item);
    },
  );
});

describe('precedence', () => {
  it('lets gas win over a clog, with the gas job', async () => {
    const decision = await repoClassifier().classify({ text: 'toilet clogged and I smell gas' });
    expect(decision.urgency).toBe('gas');
    expect(decision.jobType).toBe('Gas Line');
  });

  it('takes the job of the emergency, not the first job named', async () => {
    const text = 'the faucet drips, but the water heater tank just burst';
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('emergency');
    expect(decision.jobType).toBe('Water Heater');
  });

  it('keeps STOP and the emergency together', async () => {
    const text = 'STOP texting and just CALL me, the basement is flooding';
    const decision = await repoClassifier().classify({ text });
    expect(decision.keyword).toBe('STOP');
    expect(decision.urgency).toBe('emergency');
    expect(decision.template).toBe('optout_confirmation');
  });

  it('treats sewage flooding as a sewer backup', async () => {
    const decision = await repoClassifier().classify({ text: 'sewage is flooding the basement' });
    expect(decision.urgency).toBe('sewer');
  });
});

describe('template and branch', () => {
  const cases = [
    ['I smell gas', 'gas_safety', 'dispatch'],
    ['pipe burst in the kitchen', 'active_leak', 'dispatch'],
    ['sewage backing up into the tub', 'sewer_backup', 'priority_booking'],
    ['the disposal is jammed', 'non_emergency', 'booking'],
    ['what time do you open?', null, null],
    ['STOP', 'optout_confirmation', 'opt_out'],
    ['HELP', 'help', 'help'],
    ['START', 'resubscribed', 'resubscribe'],
  ] as const;

  it.each(cases)('"%s" gets template %s', async (text, template, branch) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.template).toBe(template);
    expect(decision.branch).toBe(branch);
  });
});

describe('opt-out keywords', () => {
  const optOuts = [
    'STOP',
    'Stop.',
    'stop',
    'STOPALL',
    'STOP ALL',
    'UNSUBSCRIBE',
    'unsubscribe me',
    'CANCEL',
    'END',
    'QUIT',
    'REVOKE',
    'OPTOUT',
    'opt-out',
    'stop texting me',
    'Stop texting me please',
    'remove me from this list',
    "don't text me again",
    'Do NOT text this number',
    'please stop',
    'no more texts',
    'take me off your list',
    'stop sending me these messages',
    'Stop 🛑',
    'STOPPP',
    'unsubcribe',
  ];
  it.each(optOuts)('"%s" is STOP', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).toBe('STOP');
  });

  const notOptOuts = [
    "the leak won't stop",
    'water will not stop running from the tub',
    'where is the stop valve?',
    'can you stop by friday',
    'I need to cancel my appointment',
    'the drain is stopped up',
    'it stopped leaking overnight',
    'how do I stop the water?',
    'this never ends',
    'yes',
    "don't stop the visit, we still need you",
    'send someone before the end of the day',
  ];
  it.each(notOptOuts)('"%s" is not STOP', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).not.toBe('STOP');
  });

  it.each(['HELP', 'Help?', 'help please', 'INFO'])('"%s" is HELP', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).toBe('HELP');
  });

  it.each(['help, the basement is flooding', 'can you help with a clog?'])(
    '"%s" is not HELP',
    async (text) => {
      expect((await repoClassifier().classify({ text })).keyword).toBeNull();
    },
  );

  it.each(['START', 'unstop', 'start again', 'Start please'])('"%s" is START', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).toBe('START');
  });

  it('does not read a bare yes as START', async () => {
    expect((await repoClassifier().classify({ text: 'Yes' })).keyword).toBeNull();
  });
});

describe('misspellings and Spanish', () => {
  const cases = [
    ['basement is flodding', 'emergency', 'Pipe Repair'],
    ['toliet is clogged', 'routine', 'Drain/Sewer'],
    ['h2o heater is making noise', 'routine', 'Water Heater'],
    ['huele a gas en la cocina', 'gas', 'Gas Line'],
    ['se inundó el baño', 'emergency', 'Pipe Repair'],
    ['el drenaje está tapado', 'routine', 'Drain/Sewer'],
    ['water coming thru the cieling', 'emergency', 'Pipe Repair'],
    ['the basement is floooding', 'emergency', 'Pipe Repair'],
    ['sewerage backing up in the shower', 'sewer', 'Drain/Sewer'],
  ] as const;

  it.each(cases)('"%s" is %s, %s', async (text, urgency, jobType) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe(urgency);
    expect(decision.jobType).toBe(jobType);
  });
});

describe('negation', () => {
  const cases = [
    ['no leak, just a drip under the sink', 'routine'],
    ['not an emergency, the faucet drips', 'routine'],
    ["not a slow leak, it's gushing", 'emergency'],
    ["I don't smell gas, the pilot is out on the water heater", 'routine'],
    ["I don't smell gas anymore, it was strong this morning", 'gas'],
    ['sewer smell, nothing backing up', 'routine'],
  ] as const;

  it.each(cases)('"%s" is %s', async (text, urgency) => {
    expect((await repoClassifier().classify({ text })).urgency).toBe(urgency);
  });
});

/** Builds a classifier of the repository rules plus test rules that have several conditions. */
async function classifierWithTestRules() {
  const files = structuredClone(repoBundle().files) as Record<string, any>;
  const leakMention = { fact: 'message', operator: 'mentions', value: 'leakingNow' };
  files['qualification.json'].rules.push(
    {
      name: 'test-all',
      description: 'Test rule: a leak after hours.',
      priority: 97,
      conditions: { all: [leakMention, { fact: 'afterHours', operator: 'equal', value: true }] },
      event: { type: 'intent', params: { intent: 'ready_to_book' } },
    },
    {
      name: 'test-any',
      description: 'Test rule: a gas smell or a ZIP code.',
      priority: 98,
      conditions: {
        any: [
          { fact: 'message', operator: 'mentions', value: 'gasSmell' },
          { fact: 'zip', operator: 'notEqual', value: null },
        ],
      },
      event: { type: 'intent', params: { intent: 'second_opinion' } },
    },
    {
      name: 'test-not',
      description: 'Test rule: a short message without a leak.',
      priority: 99,
      conditions: {
        all: [{ fact: 'wordCount', operator: 'lessThan', value: 50 }, { not: leakMention }],
      },
      event: { type: 'intent', params: { intent: 'price_shopping' } },
    },
  );
  const { loadRuleBundle } = await import('../../engine/index.ts');
  const { readSchemas } = await import('../../worker/rules-files.ts');
  return createClassifier(loadRuleBundle(files, readSchemas()));
}

describe('compact explain', () => {
  const text = 'the pipe under the sink is leaking';

  it('is the default', async () => {
    const classifier = await classifierWithTestRules();
    const byDefault = await classifier.classify({ text });
    const compact = await classifier.classify({ text }, { explain: 'compact' });
    expect(byDefault.explain).toEqual(compact.explain);
  });

  it('keeps fired rules whole', async () => {
    const classifier = await classifierWithTestRules();
    const compact = await classifier.classify({ text });
    const full = await classifier.classify({ text }, { explain: 'full' });
    const fired = compact.explain.filter((rule) => rule.result);
    expect(fired.map((rule) => rule.name)).toEqual(compact.rules.slice().sort(byRuleOrder(full)));
    for (const rule of fired) {
      expect(rule).toEqual(full.explain.find((other) => other.name === rule.name));
    }
  });

  it('keeps the first failed condition of an all', async () => {
    const decision = await (await classifierWithTestRules()).classify({ text });
    const rule = decision.explain.find((outcome) => outcome.name === 'test-all');
    expect(rule).toEqual({
      name: 'test-all',
      file: 'qualification.json',
      result: false,
      conditions: [
        { fact: 'afterHours', operator: 'equal', expected: true, saw: false, result: false },
      ],
    });
  });

  it('keeps the first failed condition of an any', async () => {
    const decision = await (await classifierWithTestRules()).classify({ text });
    const rule = decision.explain.find((outcome) => outcome.name === 'test-any');
    expect(rule?.event).toBeUndefined();
    expect(rule?.conditions).toHaveLength(1);
    expect(rule?.conditions[0]).toMatchObject({
      fact: 'message',
      operator: 'mentions',
      expected: 'gasSmell',
      saw: 'the pipe under the sink is leaking',
      result: false,
    });
  });

  it('keeps a true condition inside not', async () => {
    const decision = await (await classifierWithTestRules()).classify({ text });
    const rule = decision.explain.find((outcome) => outcome.name === 'test-not');
    expect(rule?.conditions).toHaveLength(1);
    expect(rule?.conditions[0]).toMatchObject({
      fact: 'message',
      expected: 'leakingNow',
      result: true,
      matched: ['leaking'],
    });
  });

  it('lists every condition when full', async () => {
    const decision = await (
      await classifierWithTestRules()
    ).classify({ text }, { explain: 'full' });
    const rule = decision.explain.find((outcome) => outcome.name === 'test-all');
    expect(rule?.event).toEqual({ type: 'intent', params: { intent: 'ready_to_book' } });
    expect(rule?.conditions.map((condition) => condition.result)).toEqual([true, false]);
  });

  it('is smaller than the full explain', async () => {
    const longText =
      'Hi, the water heater in our basement is leaking from the bottom and there is a puddle ' +
      'spreading. Can someone come out today? 2211 Elm St, Oak Park 60302. Thanks';
    const compact = await repoClassifier().classify({ text: longText });
    const full = await repoClassifier().classify({ text: longText }, { explain: 'full' });
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length * 0.8);
  });
});

/** Orders rule names as the full explain lists them, which is rule-file order. */
function byRuleOrder(full: { explain: { name: string }[] }) {
  const order = full.explain.map((rule) => rule.name);
  return (a: string, b: string) => order.indexOf(a) - order.indexOf(b);
}

describe('decision record', () => {
  it('carries the rules hash of the bundle', async () => {
    const decision = await repoClassifier().classify({ text: 'pipe burst' });
    expect(decision.rulesHash).toBe(repoBundle().hash);
  });

  it('explains every rule with each condition outcome and value seen', async () => {
    const text = 'Pipe burst, water everywhere!';
    const decision = await repoClassifier().classify({ text }, { explain: 'full' });
    const ruleSets = [...repoBundle().rules.values()];
    const ruleCount = ruleSets.reduce((sum, rules) => sum + rules.length, 0);
    expect(decision.explain).toHaveLength(ruleCount);

    const burst = decision.explain.find((rule) => rule.name === 'burst-or-flooding');
    expect(burst?.result).toBe(true);
    expect(burst?.file).toBe('triage.json');
    expect(burst?.conditions[0]).toMatchObject({
      fact: 'message',
      operator: 'mentions',
      saw: 'pipe burst | water everywhere',
      result: true,
    });
    expect(burst?.conditions[0].matched).toContain('burst');

    const gas = decision.explain.find((rule) => rule.name === 'gas-smell');
    expect(gas?.result).toBe(false);
    expect(gas?.event?.params.urgency).toBe('gas');
    expect(gas?.conditions[0].result).toBe(false);
  });

  it('rejects an unknown explain detail', async () => {
    const classified = repoClassifier().classify({ text: 'hi' }, { explain: 'short' as never });
    await expect(classified).rejects.toThrow("options.explain must be 'compact' or 'full'");
  });

  it('lists fired rules in the rules field', async () => {
    const decision = await repoClassifier().classify({ text: 'I smell gas' });
    expect(decision.rules).toContain('gas-smell');
    expect(decision.rules).not.toContain('burst-or-flooding');
  });

  it('passes afterHours to the rules as a fact', async () => {
    const files = structuredClone(repoBundle().files) as Record<string, any>;
    files['qualification.json'].rules.push({
      name: 'after-hours-booking',
      description: 'Test rule: anything after hours is ready to book.',
      priority: 99,
      conditions: { all: [{ fact: 'afterHours', operator: 'equal', value: true }] },
      event: { type: 'intent', params: { intent: 'ready_to_book' } },
    });
    const { loadRuleBundle } = await import('../../engine/index.ts');
    const { readSchemas } = await import('../../worker/rules-files.ts');
    const classifier = createClassifier(loadRuleBundle(files, readSchemas()));

    const afterHours = await classifier.classify({ text: 'hi', afterHours: true });
    const openHours = await classifier.classify({ text: 'hi' });
    expect(afterHours.intent).toBe('ready_to_book');
    expect(openHours.intent).toBe('unknown');
  });

  it('rejects input without text', async () => {
    const classified = repoClassifier().classify({} as never);
    await expect(classified).rejects.toThrow('input.text must be a string');
  });
});
