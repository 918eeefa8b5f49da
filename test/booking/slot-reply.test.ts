import { describe, expect, it } from 'vitest';
import { readSlotReply } from '../../worker/calendar/slot-reply.ts';
import type { Slot, SlotChoice, SlotOffer, TimeWindow } from '../../worker/calendar/types.ts';

const slot = (start: string, label: string): Slot => ({
  technicianId: 'ana',
  technicianName: 'Ana Ortiz',
  start,
  end: start,
  label,
});

// Offered on Tuesday 8 December 2026 at 9am in Chicago.
const offer: SlotOffer = {
  id: 'conversation#1',
  number: 1,
  offeredAt: '2026-12-08T09:00:00.000-06:00',
  timezone: 'America/Chicago',
  slots: [
    slot('2026-12-10T14:00:00.000-06:00', 'Thursday at 2pm'),
    slot('2026-12-11T10:00:00.000-06:00', 'Friday at 10am'),
  ],
};

function windowOf(choice: SlotChoice): TimeWindow {
  if (choice.kind !== 'window') throw new Error(`expected a window, got ${choice.kind}`);
  return choice.window;
}

describe('slot reply reading', () => {
  it.each([
    ['the first one', 0],
    ['First one please!', 0],
    ['2', 1],
    ['#1', 0],
    ['the second works', 1],
    ['the later one', 1],
    ['Thursday works', 0],
    ['friday', 1],
    ['2pm', 0],
    ['thu at 2', 0],
    ['10am on Friday is good', 1],
    ['either is fine', 0],
  ])('picks the offered time for "%s"', (text, index) => {
    expect(readSlotReply(text, offer)).toEqual({ kind: 'chosen', index });
  });

  it.each([
    'neither',
    'Neither of those, sorry',
    "thursday doesn't work",
    'none of those work for me',
  ])('turns the offer down for "%s"', (text) => {
    expect(readSlotReply(text, offer)).toEqual({ kind: 'none' });
  });

  it('asks for tomorrow morning when no offered time is then', () => {
    const choice = readSlotReply('tomorrow morning', offer);

    expect(choice).toEqual({
      kind: 'window',
      window: { from: '2026-12-09T06:00:00.000-06:00', to: '2026-12-09T12:00:00.000-06:00' },
      wording: 'tomorrow morning',
    });
  });

  it('reads "tomorrow" from the day the times were offered', () => {
    const nextDay = { ...offer, offeredAt: '2026-12-09T20:00:00.000-06:00' };
    const window = windowOf(readSlotReply('tomorrow morning', nextDay));

    expect(window.from).toBe('2026-12-10T06:00:00.000-06:00');
  });

  it('asks for another day named after a refusal', () => {
    const window = windowOf(readSlotReply('no, saturday would be better', offer));

    expect(window.from).toBe('2026-12-12T00:00:00.000-06:00');
    expect(window.to).toBe('2026-12-13T00:00:00.000-06:00');
  });

  it('asks for the hour named when it was not offered', () => {
    const window = windowOf(readSlotReply('how about 3pm on friday', offer));

    expect(window).toEqual({
      from: '2026-12-11T15:00:00.000-06:00',
      to: '2026-12-11T16:00:00.000-06:00',
    });
  });

  it('takes "yes" as a pick only when one time was offered', () => {
    expect(readSlotReply('yes', offer)).toEqual({ kind: 'unclear' });
    expect(readSlotReply('yes', { ...offer, slots: offer.slots.slice(0, 1) })).toEqual({
      kind: 'chosen',
      index: 0,
    });
  });

  it('finds no choice in an unrelated reply', () => {
    expect(readSlotReply('ok', offer)).toEqual({ kind: 'unclear' });
    expect(readSlotReply('is there a trip charge?', offer)).toEqual({ kind: 'unclear' });
  });

  it('takes a third-slot ordinal as no choice when two were offered', () => {
    expect(readSlotReply('the third one', offer)).toEqual({ kind: 'unclear' });
  });
});
