import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchNotices } from '../../worker/technicians.ts';
import { ANA, BEN, DispatchTestBed, eventsOf, FRIDAY_MORNING } from './test-bed.ts';

const CUSTOMER = '+13125554001';
const bed = new DispatchTestBed();

beforeAll(async () => {
  await bed.start({ voice: true, settings: { dispatch: { voiceNotice: true } } });
});

afterAll(async () => {
  await bed.stop();
});

function callsTo(phone: string) {
  return bed.standIn.calls.filter((call) => call.to === phone.replace(/^\+/, ''));
}

describe('voice notice', () => {
  it('calls each responder and reads the notice', async () => {
    await bed.emergency(CUSTOMER, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    const summary = await bed.waitForEvent(CUSTOMER, 'voice_call');

    const [call] = callsTo(ANA);
    expect(call.ncco).toHaveLength(1);
    const talk = call.ncco[0] as { action: string; text: string; loop: number };
    expect(talk.action).toBe('talk');
    expect(talk.loop).toBe(2);
    expect(talk.text).toContain('emergency dispatch');
    expect(talk.text).toContain('3 1 2 5 5 5 4 0 0 1');
    expect(talk.text).toContain('My basement is flooding, pipe burst');
    expect(eventsOf(summary, 'voice_call')[0].detail).toBe(`started: ${call.uuid}`);
    const notices = new DispatchNotices(bed.deps.ledger.db);
    expect(notices.isVoiceNotice(call.uuid)).toBe(true);
    expect(notices.isVoiceNotice('a-customer-call-leg')).toBe(false);
    expect(callsTo(BEN)).toEqual([]);

    await bed.env.sleep('15m');
    await bed.waitForEvent(CUSTOMER, 'voice_call', 2);
    expect(callsTo(BEN)).toHaveLength(1);
    expect(callsTo(ANA)).toHaveLength(1);
  });
});
