import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bookingRules } from '../../worker/calendar/booking-settings.ts';
import { slotLabel } from '../../worker/calendar/labels.ts';
import {
  freeSlots,
  pickSlots,
  type BusyInterval,
  type SlotRequest,
} from '../../worker/calendar/slots.ts';
import type { BusinessSettings } from '../../worker/settings.ts';

const ZONE = 'America/Chicago';
const weekdays = (range: [string, string]) => ({
  mon: [range],
  tue: [range],
  wed: [range],
  thu: [range],
  fri: [range],
});

function settings(booking: Record<string, unknown> = {}): BusinessSettings {
  return {
    id: 'test-plumbing',
    company: { name: 'Test Plumbing', phone: '+13125550100', timezone: ZONE },
    hours: weekdays(['07:00', '18:00']),
    technicians: [
      { id: 'ana', name: 'Ana Ortiz', phone: '+13125550111', skills: ['water-heater'] },
      { id: 'ben', name: 'Ben Walsh', phone: '+13125550122', skills: ['drain'] },
    ],
    booking: {
      workingHours: weekdays(['08:00', '17:00']),
      jobLength: { 'Water Heater': '2h', default: '1h' },
      jobSkills: { 'Water Heater': 'water-heater', 'Drain/Sewer': 'drain' },
      travelBuffer: '30m',
      leadTime: '2h',
      slotStep: '30m',
      daysAhead: 3,
      ...booking,
    },
  };
}

/** A local time in Chicago as a Date. */
const chicago = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const local = (time: DateTime) => time.setZone(ZONE).toFormat('ccc HH:mm');

function request(overrides: Partial<SlotRequest> = {}): SlotRequest {
  return {
    now: chicago('2026-12-07T09:00'),
    jobType: 'Fixture Repair',
    urgency: 'routine',
    timing: null,
    window: null,
    exclude: [],
    ...overrides,
  };
}

describe('slot generation', () => {
  it('starts no earlier than the lead time after now', () => {
    const slots = freeSlots(bookingRules(settings()), [], request());

    expect(local(slots[0].start)).toBe('Mon 11:00');
  });

  it('ends every job by the end of working hours', () => {
    const rules = bookingRules(settings());
    const heaterSlots = freeSlots(rules, [], request({ jobType: 'Water Heater' }));
    const mondayStarts = heaterSlots
      .filter((slot) => slot.start.weekday === 1)
      .map((slot) => local(slot.start));

    expect(mondayStarts.at(-1)).toBe('Mon 15:00');
    expect(heaterSlots.every((slot) => slot.end.setZone(ZONE).hour <= 17)).toBe(true);
  });

  it('keeps the travel buffer free around an existing booking', () => {
    const busy: BusyInterval[] = [
      {
        technicianId: 'ana',
        start: '2026-12-08T10:00:00.000-06:00',
        busyUntil: '2026-12-08T12:30:00.000-06:00',
      },
    ];
    const slots = freeSlots(bookingRules(settings()), busy, request({ jobType: 'Water Heater' }));
    const tuesday = slots
      .filter((slot) => slot.start.weekday === 2)
      .map((slot) => local(slot.start));

    expect(tuesday[0]).toBe('Tue 12:30');
    expect(tuesday).not.toContain('Tue 08:00');
    expect(tuesday).not.toContain('Tue 10:00');
  });

  it('offers only technicians with the skill the job needs', () => {
    const rules = bookingRules(settings());
    const heater = freeSlots(rules, [], request({ jobType: 'Water Heater' }));
    const fixture = freeSlots(rules, [], request({ jobType: 'Fixture Repair' }));

    expect(new Set(heater.map((slot) => slot.technician.id))).toEqual(new Set(['ana']));
    expect(new Set(fixture.map((slot) => slot.technician.id))).toEqual(new Set(['ana', 'ben']));
  });

  it("uses one technician's own working hours", () => {
    const rules = bookingRules(
      settings({ technicianHours: { ana: { tue: [['13:00', '17:00']] } } }),
    );
    const slots = freeSlots(rules, [], request({ jobType: 'Water Heater' }));

    expect(slots.map((slot) => local(slot.start))[0]).toBe('Tue 13:00');
  });

  it('gives a sewer backup the earliest times an hour apart', () => {
    const rules = bookingRules(settings());
    const sewer = request({ urgency: 'sewer', jobType: 'Drain/Sewer' });
    const picked = pickSlots(freeSlots(rules, [], sewer), sewer, 3);

    expect(picked.map((slot) => local(slot.start))).toEqual([
      'Mon 11:00',
      'Mon 12:00',
      'Mon 13:00',
    ]);
  });

  it('spreads routine times over different half-days', () => {
    const rules = bookingRules(settings());
    const routine = request();
    const picked = pickSlots(freeSlots(rules, [], routine), routine, 3);

    expect(picked.map((slot) => local(slot.start))).toEqual([
      'Mon 11:00',
      'Mon 12:00',
      'Tue 08:00',
    ]);
  });

  it('keeps to the window the customer asked for', () => {
    const window = { from: '2026-12-09T12:00:00.000-06:00', to: '2026-12-09T17:00:00.000-06:00' };
    const slots = freeSlots(bookingRules(settings()), [], request({ window }));

    expect(local(slots[0].start)).toBe('Wed 12:00');
    expect(slots.every((slot) => slot.start.weekday === 3 && slot.start.hour >= 12)).toBe(true);
  });

  it('leaves out times the customer turned down', () => {
    const exclude = ['2026-12-07T11:00:00.000-06:00'];
    const slots = freeSlots(bookingRules(settings()), [], request({ exclude }));

    expect(local(slots[0].start)).toBe('Mon 11:30');
  });

  it('skips days the business is closed', () => {
    const isClosed = (day: DateTime) => day.toISODate() === '2026-12-07';
    const slots = freeSlots(bookingRules(settings()), [], request({ isClosed }));

    expect(local(slots[0].start)).toBe('Tue 08:00');
  });

  it('offers after-hours times to a business that asked for them', () => {
    const rules = bookingRules(settings({ afterHours: weekdays(['18:00', '21:00']) }));
    const slots = freeSlots(rules, [], request({ timing: 'after_hours' }));

    expect(local(slots[0].start)).toBe('Mon 18:00');
    expect(slots.every((slot) => slot.start.setZone(ZONE).hour >= 18)).toBe(true);
  });

  it('keeps wall-clock hours across the spring DST change', () => {
    const sundays = {
      sat: [['07:00', '12:00']],
      sun: [
        ['01:00', '05:00'],
        ['07:00', '12:00'],
      ],
    };
    const rules = bookingRules(settings({ workingHours: sundays, leadTime: '0m' }));
    const slots = freeSlots(
      rules,
      [],
      request({ now: chicago('2026-03-07T00:00'), jobType: 'Fixture Repair' }),
    );
    const iso = slots.map((slot) => slot.start.setZone(ZONE).toISO());

    expect(iso).toContain('2026-03-07T07:00:00.000-06:00');
    expect(iso).toContain('2026-03-08T07:00:00.000-05:00');
    expect(
      slots.some(
        (slot) =>
          slot.start.setZone(ZONE).toISODate() === '2026-03-08' &&
          slot.start.setZone(ZONE).hour === 2,
      ),
    ).toBe(false);
    const beforeGap = slots.find(
      (slot) => slot.start.setZone(ZONE).toISO() === '2026-03-08T01:30:00.000-06:00',
    );
    expect(beforeGap?.end.setZone(ZONE).toFormat('HH:mm')).toBe('03:30');
  });
});

describe('slot labels', () => {
  const now = DateTime.fromISO('2026-12-07T09:00', { zone: ZONE });

  it('names today, tomorrow, the weekday and later dates', () => {
    expect(slotLabel(now.set({ hour: 14 }), now)).toBe('today at 2pm');
    expect(slotLabel(now.plus({ days: 1 }).set({ hour: 9, minute: 30 }), now)).toBe(
      'tomorrow at 9:30am',
    );
    expect(slotLabel(now.plus({ days: 3 }).set({ hour: 12 }), now)).toBe('Thursday at 12pm');
    expect(slotLabel(now.plus({ days: 9 }).set({ hour: 8 }), now)).toBe('Wed Dec 16 at 8am');
  });
});
