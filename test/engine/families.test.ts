/**
 * Phrase families the rules were written for: one table per urgency, tables of job types named
 * in price questions and beside negated problems, and tables of opt-outs.
 * Unlike the held-out files, these texts were used while writing the rules.
 */
import { describe, expect, it } from 'vitest';

import { repoClassifier } from './rules-fixture.ts';

const emergencies = [
  'My water heater is leaking everywhere',
  'pipe burst in the basement and its flooding',
  'water is gushing out from under the kitchen sink',
  "there's water pouring out of the ceiling",
  'the toilet is overflowing and water is going everywhere',
  "I can't turn the water off",
  'the main water line broke',
  'we have no water in the house',
  'Our basement is flooded',
  'water spraying from a pipe in the garage',
  'a pipe exploded in the wall',
  "the water won't shut off in the shower",
  "There's a leak in the ceiling and it's getting worse",
  'outside faucet broke off and water is shooting everywhere',
  'the hot water heater burst',
  'washer hose burst, water all over the floor',
  'water running down the walls from upstairs',
  'the shutoff valve snapped and water is pouring out',
  'emergency! water everywhere in the kitchen',
  'pipe under the house busted, the crawlspace is filling up',
  'no running water since last night',
  'our water main broke',
  'the ceiling is caving in from water',
  'my basement has 2 feet of water',
  'water leaking from the light fixture in the bathroom',
  'kitchen is flooded from the dishwasher',
  "the pipe under my sink is leaking bad and I can't stop it",
  "it's leaking really fast",
  "the toilet won't stop overflowing",
  'house flooding!!!',
  'pipe broke',
  'huge leak under the sink',
  'la tubería se rompió y sale mucha agua',
  'se está inundando el baño',
  'no hay agua en la casa',
  'we got water coming up through the floor',
  'main line leaking in the yard, water bubbling up',
  'water dripping from the ceiling',
  'water is leaking from the apartment upstairs',
  "water isn't coming out of any faucets",
  'my kitchen floor is covered in water',
  'water meter box is overflowing and water is running down the street',
  'the garbage disposal is leaking everywhere and the sink is clogged',
  'we had a flood last year and now its flooding again',
  'the plumber fixed the leak last week but its leaking again',
];

const notEmergencies = [
  'sewer smell coming from the wall',
  'water stain on the ceiling under the bathroom',
  "there's a wet spot on the ceiling under the bathroom",
  'the pilot light on the heater is out',
  'The water coming out of our taps is brown',
  'the sink overflows sometimes when the washer drains',
  "the hot water isn't coming out of the kitchen faucet",
  'we had a flood last year, now want the sump pump replaced',
  'want a sump pump to prevent flooding',
  'I fixed the leak myself, just need a sink drain snaked',
  'had a pipe burst two years ago, want to insulate pipes',
];

const gasSmells = [
  'smell gas',
  'we smell natural gas in the garage',
  'smells like propane in the kitchen',
  'i think we have a gas leak',
  "there's a strong odor like rotten eggs",
  'the stove is leaking gas',
  'sulfur smell in the basement',
  'my CO detector is going off',
  'the gas meter is hissing',
  'stinks like gas in here',
  'I think I smell gas but not sure',
  'faint smell of gas',
  'kinda gassy smell by the furnace',
  'olor a gas en la casa',
  'Smells like a skunk near the meter',
];

const sewerBackups = [
  'sewage backing up in my basement',
  'toilet backing up into the bathtub',
  'raw sewage coming out of the floor drain',
  'sewage water in the shower',
  'poop coming up in the tub',
  'every drain in the house is backing up with sewage',
  'sewage overflowing from the toilet',
  'the basement drain is spewing sewage',
  'sewer water coming up through the floor drain',
  'aguas negras en el baño',
  'the floor drain is backing up with poop water',
  'shower drain is backing up with black water',
  'the bathtub filled with brown water when I flushed',
];

/** Tap water, a kitchen sink backup and a toilet backed up with paper: not sewage. */
const notSewerBackups = [
  'toilet backed up with toilet paper',
  'brown water coming out of the faucet',
  'when we run the dishwasher dirty water comes up in the kitchen sink',
];

const optOuts = [
  'stop.',
  'Stop!',
  'STOP TEXTING',
  'pls stop',
  'stop pls',
  'UNSUBSCRIBE ME FROM THIS',
  'Cancel.',
  'END',
  'Opt-out',
  'remove me',
  'take me off this list',
  'do not contact me',
  'leave me alone',
  "I don't want these texts",
  "I don't want any more texts",
  'lose this number',
  'STOP!!! WRONG NUMBER',
  'wrong number stop',
  'please remove my number',
  'delete my number',
  'no quiero recibir mensajes',
  'ya no me manden mensajes',
  'end texts',
  'cancel texts',
  'STOP. I already found a plumber',
  'stop, we found someone else',
  "stop messaging me, I'll call you",
];

const notOptOuts = [
  "the water won't stop running",
  "where's the stop valve",
  'I need to cancel',
  "please don't cancel",
  'end of the pipe is cracked',
  'water stopped coming out',
  'stop the leak',
  "it won't stop dripping",
  'how do I stop the toilet from running',
  "we'll quit using that bathroom",
  "I'll stop by the office",
  'at the end of the hallway',
  'what time do you end today',
  'stopcock is stuck',
  'stop by anytime, the gate is open',
];

/** Price questions about a named job: routine work of that job, intent price_shopping. */
const priceQuestions = [
  ['how much to unclog a kitchen sink', 'Drain/Sewer'],
  ['how much does it cost to unclog a bathroom sink', 'Drain/Sewer'],
  ['how much to unclog my shower', 'Drain/Sewer'],
  ['how much to unblock a drain', 'Drain/Sewer'],
  ['what do you charge for a clogged toilet', 'Drain/Sewer'],
  ['how much for hydro jetting', 'Drain/Sewer'],
  ['cost to replace a water heater', 'Water Heater'],
  ['how much for a new water heater', 'Water Heater'],
  ['how much to replace a kitchen sink', 'Fixture Repair'],
  ['how much to install a new bathroom sink', 'Fixture Repair'],
  ['how much to replace a bathtub', 'Fixture Repair'],
  ['price for a new garbage disposal', 'Fixture Repair'],
  ['how much to fix a slab leak', 'Pipe Repair'],
  ['how much to move a gas line', 'Gas Line'],
  ['how much to replace a sump pump', 'Other'],
] as const;

/** A negated problem names no job, so the job is the one the rest of the text names. */
const negatedProblems = [
  ['no gas smell, just a leaky faucet', 'Fixture Repair'],
  ['no gas leak, the toilet is running', 'Fixture Repair'],
  ["we don't smell gas, the toilet runs constantly", 'Fixture Repair'],
  ['no propane smell, the shower valve is stuck', 'Fixture Repair'],
  ["I don't smell gas, the pilot is out on the water heater", 'Water Heater'],
  ['no sewer smell, toilet keeps running', 'Fixture Repair'],
  ['no sewage, just a running toilet', 'Fixture Repair'],
  ['no slab leak, just a dripping faucet', 'Fixture Repair'],
  ['no frozen pipes, the faucet handle is loose', 'Fixture Repair'],
  ['no water hammer, the faucet handle is loose', 'Fixture Repair'],
  ['no water stains, just a drippy faucet', 'Fixture Repair'],
] as const;

/** Property clues in plural, shorthand or managed-building wordings. */
const propertyClues = [
  ['my rental property has a clogged drain, the tenants called me', 'residential'],
  ['im renting, the tub wont drain', 'residential'],
  ['Im the super of a 40 unit building, the boiler is down', 'commercial'],
  ['HOA manager, sprinkler line broke and is flooding the clubhouse', 'commercial'],
  ['condo association here, common area drain is slow', 'commercial'],
  ['the drain is super slow', 'unknown'],
] as const;

describe('phrase families', () => {
  it.each(emergencies)('"%s" is an emergency', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).toBe('emergency');
  });

  it.each(notEmergencies)('"%s" is not an emergency', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).not.toBe('emergency');
  });

  it.each(gasSmells)('"%s" is gas', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).toBe('gas');
  });

  it.each(sewerBackups)('"%s" is a sewer backup', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).toBe('sewer');
  });

  it.each(notSewerBackups)('"%s" is not a sewer backup', async (text) => {
    expect((await repoClassifier().classify({ text })).urgency).not.toBe('sewer');
  });

  it.each(priceQuestions)('"%s" is a routine %s price question', async (text, jobType) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('routine');
    expect(decision.jobType).toBe(jobType);
    expect(decision.intent).toBe('price_shopping');
  });

  it.each(negatedProblems)('"%s" is routine %s', async (text, jobType) => {
    const decision = await repoClassifier().classify({ text });
    expect(decision.urgency).toBe('routine');
    expect(decision.jobType).toBe(jobType);
  });

  it.each(propertyClues)('"%s" is %s property', async (text, propertyType) => {
    expect((await repoClassifier().classify({ text })).propertyType).toBe(propertyType);
  });

  it.each(optOuts)('"%s" opts out', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).toBe('STOP');
  });

  it.each(notOptOuts)('"%s" does not opt out', async (text) => {
    expect((await repoClassifier().classify({ text })).keyword).not.toBe('STOP');
  });
});
