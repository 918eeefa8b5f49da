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
      start: null,
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

// After-hours work from 6pm to 9pm, and ordinary hours from 8am to 5pm.
const afterHours = { isBookableHour: (_day: unknown, hour: number) => hour >= 18 && hour < 21 };
const workingHours = { isBookableHour: (_day: unknown, hour: number) => hour >= 8 && hour < 17 };

describe('slot reply hours without am or pm', () => {
  it('reads 7 as 7pm when only the evening is bookable', () => {
    const choice = readSlotReply('Monday at 7', offer, afterHours);

    expect(choice).toMatchObject({ kind: 'window', start: '2026-12-14T19:00:00.000-06:00' });
  });

  it('reads 7 as 7am by default', () => {
    const choice = readSlotReply('Monday at 7', offer);

    expect(choice).toMatchObject({ kind: 'window', start: null });
    expect(windowOf(choice).from).toBe('2026-12-14T07:00:00.000-06:00');
  });

  it('marks a requested day and hour exact', () => {
    const withMeridiem = readSlotReply('can you do Wednesday at 3pm?', offer);
    const withinHours = readSlotReply('can you do Wednesday at 3?', offer, workingHours);

    expect(withMeridiem).toMatchObject({ start: '2026-12-09T15:00:00.000-06:00' });
    expect(withinHours).toMatchObject({ start: '2026-12-09T15:00:00.000-06:00' });
  });

  it('leaves a time without a day unbooked', () => {
    expect(readSlotReply('how about 3pm', offer)).toMatchObject({ kind: 'window', start: null });
  });

  it('picks an offered time read either way', () => {
    const evening = {
      ...offer,
      slots: [slot('2026-12-10T19:00:00.000-06:00', 'Thursday at 7pm')],
    };

    expect(readSlotReply('thursday at 7', evening)).toEqual({ kind: 'chosen', index: 0 });
  });
});

describe('slot reply bare numbers', () => {
  // Noon and 1pm offered: "1" could be the first time or the time at 1.
  const noonOffer = {
    ...offer,
    slots: [
      slot('2026-12-14T12:00:00.000-06:00', 'Monday at 12pm'),
      slot('2026-12-14T13:00:00.000-06:00', 'Monday at 1pm'),
    ],
  };

  it.each([
    ['1', 0],
    ['2', 1],
    ['1pm', 1],
    ['at 1', 1],
    ['at 12', 0],
  ])('reads "%s" as offered time %i', (text, index) => {
    expect(readSlotReply(text, noonOffer)).toEqual({ kind: 'chosen', index });
  });
});

// Offered on Friday 4 December 2026 at 12:25pm in Chicago.
const fridayOffer: SlotOffer = {
  id: 'conversation#2',
  number: 1,
  offeredAt: '2026-12-04T12:25:00.000-06:00',
  timezone: 'America/Chicago',
  slots: [
    slot('2026-12-04T14:30:00.000-06:00', 'today at 2:30pm'),
    slot('2026-12-05T09:00:00.000-06:00', 'tomorrow at 9am'),
  ],
};

describe('slot reply reading of a named time', () => {
  it('keeps the hour of "tomorrow around 12:30"', () => {
    const choice = readSlotReply('tomorrow around 12:30?', fridayOffer, workingHours);

    expect(choice).toMatchObject({ kind: 'window', start: '2026-12-05T12:30:00.000-06:00' });
  });

  it('reads a weekday named on that day as today', () => {
    const choice = readSlotReply('Friday at 4:30', fridayOffer, workingHours);

    expect(choice).toMatchObject({ kind: 'window', start: '2026-12-04T16:30:00.000-06:00' });
  });

  it("reads today's weekday as next week once its time has passed", () => {
    const choice = readSlotReply('Friday at 9am', fridayOffer, workingHours);

    expect(choice).toMatchObject({ kind: 'window', start: '2026-12-11T09:00:00.000-06:00' });
  });

  it('reads "the second" as the second offered time', () => {
    expect(readSlotReply('the second', fridayOffer, workingHours)).toEqual({
      kind: 'chosen',
      index: 1,
    });
  });

  it('takes the time named after a refusal', () => {
    const choice = readSlotReply(
      "I can't do 9am, but 2:30 today is fine",
      fridayOffer,
      workingHours,
    );

    expect(choice).toEqual({ kind: 'chosen', index: 0 });
  });

  it('requests the day named after "not today"', () => {
    const choice = readSlotReply('not today, tomorrow at 10am?', fridayOffer, workingHours);

    expect(choice).toMatchObject({ kind: 'window', start: '2026-12-05T10:00:00.000-06:00' });
  });

  it('reads "after 12" as a window, not a time to book', () => {
    const choice = readSlotReply('tomorrow after 12', fridayOffer, workingHours);

    expect(choice).toEqual({
      kind: 'window',
      window: { from: '2026-12-05T12:00:00.000-06:00', to: '2026-12-06T00:00:00.000-06:00' },
      wording: 'tomorrow after 12',
      start: null,
    });
  });

  it('picks an offered time inside "before 11"', () => {
    expect(readSlotReply('tomorrow before 11', fridayOffer, workingHours)).toEqual({
      kind: 'chosen',
      index: 1,
    });
  });
});
