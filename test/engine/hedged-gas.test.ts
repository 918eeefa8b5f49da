/**
 * Gas smells described with doubt. A hedge such as `not sure if`, `might be` or `no idea if` never
 * cancels a gas mention. A doubt such as `dont think its gas` still counts beside a smell, but a
 * plain denial such as `no gas smell` cancels it.
 */
import { describe, expect, it } from 'vitest';

import { repoClassifier } from './rules-fixture.ts';

const hedgedGasSmells = [
  "not sure if it's gas but something smells weird near the furnace",
  "don't know if it's gas, there's a strange smell by the water heater",
  "can't tell if it's gas but the basement smells funny",
  "no idea if it's gas, weird smell coming from the stove",
  "unsure whether it's gas but there's an odd smell near the dryer",
  'might be gas? something smells off in the kitchen',
  'could be gas, funny smell by the boiler',
  'maybe gas? smells weird near the meter',
  "not really sure it's gas but there is a weird smell near the range",
  "I'm not 100% sure but I think I smell gas",
  "not entirely sure if that's gas, smells strange by the oven",
  "don't really know if it's gas but it smells funny",
  'might not be gas but something smells weird by the furnace',
  "probably not gas but there's a funny smell near the water heater",
  'kind of a rotten egg smell maybe? not sure',
  'smells bad by the furnace. could be gas?',
  "there's a smell near the water heater, not sure if it's gas",
  'idk if its gas but something stinks by the stove',
  "I'm not sure if it's a gas smell or not",
  "not sure if I'm smelling gas or something else",
  "hard to say if it's gas, strange odor in the garage by the dryer",
  "not even sure it's gas, smells kinda weird by the fireplace",
  'no sé si es gas pero huele raro cerca del calentador',
  'not sure but maybe gas? faint smell in the laundry room',
  'the drain smells, could it be sewer or gas?',
];

/** Gas doubted in words that otherwise negate it, beside a smell: still gas. */
const doubtedGasSmells = [
  "don't think it's gas but something smells weird near the furnace",
  "I doubt it's gas but there's a weird smell by the water heater",
  'probably nothing but it kind of smells like gas',
  "don't believe it's a gas leak but the stove area smells funny",
  "I don't really think it's gas but the furnace smells funny",
  'did not think it was gas but there is a strange odor near the dryer',
  'dont think its propane but smells odd by the grill',
  'no creo que sea gas pero huele raro cerca del calentador',
];

/** Doubts that name no gas, or sit beside a sewer smell, keep their non-gas urgency. */
const doubtsWithoutGas = [
  ["I don't think it's leaking anymore", 'none', null],
  ['dont think its an emergency, the faucet drips', 'routine', 'Fixture Repair'],
  ["I don't think it's gas, the toilet smells like sewer", 'routine', 'Drain/Sewer'],
  ['not a gas problem, the water heater is leaking', 'emergency', 'Water Heater'],
] as const;

/** Denials of a gas smell: the job is the one the rest of the text names. */
const deniedGasSmells = [
  ['no gas smell, just a leaky faucet', 'Fixture Repair'],
  ["I don't smell gas, the pilot is out on the water heater", 'Water Heater'],
  ['no gas smell, just want the gas line to the grill checked', 'Gas Line'],
  ["gas fireplace won't light, no smell", 'Gas Line'],
  ["there is no weird smell, the gas stove just won't light", 'Gas Line'],
  ["not a gas smell, it's the sewer smell from the basement drain", 'Drain/Sewer'],
  ['no smell of gas, the water heater is just making noise', 'Water Heater'],
  ['no weird smells or anything, just need the gas dryer hooked up', 'Gas Line'],
] as const;

/** Hedges before an emergency must not cancel it either. */
const hedgedEmergencies = [
  "not sure if it's a leak but water is coming through the ceiling",
  "not sure if it's a leak but water is pouring out under the sink",
  "don't know if it's a burst pipe but there's water everywhere in the basement",
  'might be nothing but the basement is flooding',
  "not really sure where it's coming from but water is gushing from the wall",
  "not sure if it's an emergency, the pipe burst",
];

describe('hedged gas smells', () => {
  it.each(hedgedGasSmells)('"%s" is gas', async (text) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('gas');
    expect(decision.jobType).toBe('Gas Line');
  });

  it.each(doubtedGasSmells)('"%s" is gas', async (text) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('gas');
    expect(decision.jobType).toBe('Gas Line');
  });

  it.each(doubtsWithoutGas)('"%s" is %s %s', async (text, urgency, jobType) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe(urgency);
    expect(decision.jobType ?? null).toBe(jobType);
  });

  it.each(deniedGasSmells)('"%s" is routine %s', async (text, jobType) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('routine');
    expect(decision.jobType).toBe(jobType);
  });

  it('keeps a gas smell that has stopped as gas', async () => {
    expect((await repoClassifier().classify({ text: "don't smell gas anymore" })).urgency).toBe(
      'gas',
    );
  });

  it.each(hedgedEmergencies)('"%s" is an emergency', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).toBe('emergency');
  });
});
