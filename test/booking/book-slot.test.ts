import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobType } from '../../engine/types.ts';
import { createBookingActivities } from '../../worker/activities/booking.ts';
import { Calendar } from '../../worker/calendar/store.ts';
import type { Slot } from '../../worker/calendar/types.ts';
import { Ledger } from '../../worker/ledger.ts';
import { tempDir, testSettings } from '../support/harness.ts';

// Monday 7 December 2026, 9:00 in Chicago: Ana and Ben work 8 to 5, Cal is off on Mondays.
const MONDAY_9AM = new Date('2026-12-07T15:00:00.000Z');
const ELEVEN = '2026-12-07T11:00:00.000-06:00';

function setUp() {
  const ledger = new Ledger(join(tempDir(), 'ringback.db'));
  const activities = createBookingActivities({
    settings: testSettings(),
    ledger,
    clock: () => MONDAY_9AM,
  });
  return { activities, calendar: new Calendar(ledger.db) };
}

function offerFor(activities: ReturnType<typeof setUp>['activities'], conversationId: string) {
  return (jobType: JobType) =>
    activities.offerSlots({
      conversationId,
      number: 1,
      jobType,
      urgency: 'routine',
      timing: null,
      window: null,
      exclude: [],
    });
}

/** Books Ana at 11am for another conversation, as a booking made a moment earlier would. */
function takeAnaAtEleven(calendar: Calendar, slot: Slot) {
  const result = calendar.book(
    {
      businessId: 'apex-plumbing',
      conversationId: 'other',
      offerId: 'other#1',
      slot,
      timezone: 'America/Chicago',
      phone: '+13125550199',
      address: null,
      zip: null,
      jobType: 'Fixture Repair',
    },
    '2026-12-07T12:30:00.000-06:00',
  );
  expect(result.status).toBe('booked');
}

const bookRequest = { phone: '+13125550123', address: null, zip: null, index: 0 };

describe('booking an offered time', () => {
  it('books another free technician when the offered one was taken', async () => {
    const { activities, calendar } = setUp();
    const offer = await offerFor(activities, 'c1')('Fixture Repair');
    expect(offer.slots[0].technicianId).toBe('ana');
    expect(offer.slots[0].start).toBe(ELEVEN);
    takeAnaAtEleven(calendar, offer.slots[0]);

    const result = await activities.bookSlot({
      ...bookRequest,
      conversationId: 'c1',
      offer,
      jobType: 'Fixture Repair',
    });

    expect(result.status).toBe('booked');
    if (result.status !== 'booked') return;
    expect(result.booking.technician.id).toBe('ben');
    expect(result.booking.start).toBe(ELEVEN);
    expect(result.technician).toBe('Ben');
  });

  it('returns taken when no technician with the skill is free', async () => {
    const { activities, calendar } = setUp();
    const offer = await offerFor(activities, 'c1')('Water Heater');
    expect(offer.slots[0].technicianId).toBe('ana');
    takeAnaAtEleven(calendar, offer.slots[0]);

    const result = await activities.bookSlot({
      ...bookRequest,
      conversationId: 'c1',
      offer,
      jobType: 'Water Heater',
    });

    expect(result.status).toBe('taken');
  });

  it('returns the same booking when retried', async () => {
    const { activities, calendar } = setUp();
    const offer = await offerFor(activities, 'c1')('Fixture Repair');
    takeAnaAtEleven(calendar, offer.slots[0]);
    const request = {
      ...bookRequest,
      conversationId: 'c1',
      offer,
      jobType: 'Fixture Repair' as const,
    };

    const first = await activities.bookSlot(request);
    const retry = await activities.bookSlot(request);

    expect(first.status).toBe('booked');
    expect(retry).toEqual(first);
  });

  it('spreads concurrent offers over free technicians', async () => {
    const { activities } = setUp();

    const first = await offerFor(activities, 'c1')('Fixture Repair');
    const second = await offerFor(activities, 'c2')('Fixture Repair');
    const third = await offerFor(activities, 'c3')('Fixture Repair');

    expect(first.slots[0].start).toBe(ELEVEN);
    expect(second.slots[0].start).toBe(ELEVEN);
    expect(first.slots[0].technicianId).toBe('ana');
    expect(second.slots[0].technicianId).toBe('ben');
    expect(third.slots[0].technicianId).toBe('ana');
  });
});
