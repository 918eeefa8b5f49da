import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANA,
  BEN,
  DispatchTestBed,
  eventsOf,
  FRIDAY_MORNING,
  OWNER,
  secondsBetween,
} from './test-bed.ts';

const CUSTOMER = '+13125553001';
const bed = new DispatchTestBed();

beforeAll(async () => {
  await bed.start({ cacheWorkflows: false });
});

afterAll(async () => {
  await bed.stop();
});

describe('dispatch across a worker restart', () => {
  it('escalates on time across a worker restart', async () => {
    await bed.emergency(CUSTOMER, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await bed.standIn.waitForMessages(1, ANA);
    await bed.env.sleep('5m');

    await bed.stopWorker();
    await bed.env.sleep('5m');
    expect(bed.standIn.textsTo(BEN)).toEqual([]);

    // The new worker has an empty workflow cache, so it rebuilds the dispatch from history.
    await bed.startWorker();
    await bed.env.sleep('290s');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bed.standIn.textsTo(BEN)).toEqual([]);
    await bed.env.sleep('15s');
    await bed.standIn.waitForMessages(1, BEN);

    await bed.env.sleep('15m');
    await bed.standIn.waitForMessages(1, OWNER);
    const summary = await bed.waitForEvent(CUSTOMER, 'notified', 3);
    const [onCall, backup, owner] = eventsOf(summary, 'notified');
    expect(secondsBetween(onCall.at, backup.at)).toBeGreaterThanOrEqual(900);
    expect(secondsBetween(onCall.at, backup.at)).toBeLessThan(910);
    expect(secondsBetween(onCall.at, owner.at)).toBeGreaterThanOrEqual(1800);
    expect(secondsBetween(onCall.at, owner.at)).toBeLessThan(1820);
    expect(bed.standIn.textsTo(ANA)).toHaveLength(1);
    expect(bed.standIn.textsTo(BEN)).toHaveLength(1);
  });
});
