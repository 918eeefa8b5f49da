import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksBetween, Calendar } from '../../worker/calendar/store.ts';
import type { Booking, BookingRequest, BookingResult, Slot } from '../../worker/calendar/types.ts';

function openCalendars(count: number): Calendar[] {
  const path = join(mkdtempSync(join(tmpdir(), 'ringback-calendar-')), 'ringback.db');
  return Array.from({ length: count }, () => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    return new Calendar(db);
  });
}

function bookedOf(result: BookingResult): Booking {
  if (result.status !== 'booked') throw new Error(`expected a booking, got ${result.status}`);
  return result.booking;
}

const slot = (technicianId: string, start: string, end: string): Slot => ({
  technicianId,
  technicianName: 'Ana Ortiz',
  start,
  end,
  label: 'Thursday at 9am',
});

function request(conversationId: string, offerId: string, booked: Slot): BookingRequest {
  return {
    businessId: 'apex-plumbing',
    conversationId,
    offerId,
    slot: booked,
    timezone: 'America/Chicago',
    phone: '+13125550123',
    address: '45 W Lake St, Chicago, IL 60601',
    zip: '60601',
    jobType: 'Water Heater',
  };
}

const nine = slot('ana', '2026-12-10T09:00:00.000-06:00', '2026-12-10T11:00:00.000-06:00');
const nineBusyUntil = '2026-12-10T11:30:00.000-06:00';

describe('calendar store', () => {
  it('books a free slot and returns the booking', () => {
    const [calendar] = openCalendars(1);
    const booking = bookedOf(calendar.book(request('c1', 'c1#1', nine), nineBusyUntil));

    expect(booking.technician.id).toBe('ana');
    expect(booking.start).toBe(nine.start);
    expect(booking.address).toBe('45 W Lake St, Chicago, IL 60601');
  });

  it('gives a slot to one of two connections booking it', () => {
    const [first, second] = openCalendars(2);
    const results = [
      first.book(request('c1', 'c1#1', nine), nineBusyUntil),
      second.book(request('c2', 'c2#1', nine), nineBusyUntil),
    ];

    expect(results.map((result) => result.status)).toEqual(['booked', 'taken']);
  });

  it('rejects a different start time that overlaps a booking and its buffer', () => {
    const [calendar] = openCalendars(1);
    calendar.book(request('c1', 'c1#1', nine), nineBusyUntil);
    const overlapping = slot(
      'ana',
      '2026-12-10T11:00:00.000-06:00',
      '2026-12-10T12:00:00.000-06:00',
    );
    const otherTechnician = slot(
      'ben',
      '2026-12-10T09:00:00.000-06:00',
      '2026-12-10T10:00:00.000-06:00',
    );

    expect(
      calendar.book(request('c2', 'c2#1', overlapping), '2026-12-10T12:30:00.000-06:00').status,
    ).toBe('taken');
    expect(
      calendar.book(request('c3', 'c3#1', otherTechnician), '2026-12-10T10:30:00.000-06:00').status,
    ).toBe('booked');
  });

  it('returns the same booking when the same offer is booked again', () => {
    const [calendar] = openCalendars(1);
    const first = calendar.book(request('c1', 'c1#1', nine), nineBusyUntil);
    const retried = calendar.book(request('c1', 'c1#1', nine), nineBusyUntil);

    expect(retried).toEqual(first);
  });

  it('lists booked time with its buffer as busy', () => {
    const [calendar] = openCalendars(1);
    calendar.book(request('c1', 'c1#1', nine), nineBusyUntil);
    const busy = calendar.busy(
      'apex-plumbing',
      new Date('2026-12-10T00:00:00Z'),
      new Date('2026-12-11T00:00:00Z'),
    );
    const otherDay = calendar.busy(
      'apex-plumbing',
      new Date('2026-12-11T00:00:00Z'),
      new Date('2026-12-12T00:00:00Z'),
    );

    expect(busy).toEqual([{ technicianId: 'ana', start: nine.start, busyUntil: nineBusyUntil }]);
    expect(otherDay).toEqual([]);
  });

  it('returns a stored offer instead of storing it again', () => {
    const [calendar] = openCalendars(1);
    const offer = {
      id: 'c1#1',
      number: 1,
      offeredAt: '2026-12-08T09:00:00.000-06:00',
      timezone: 'America/Chicago',
      slots: [nine],
    };
    calendar.saveOffer('apex-plumbing', 'c1', offer);
    const again = calendar.saveOffer('apex-plumbing', 'c1', { ...offer, slots: [] });

    expect(again.slots).toEqual([nine]);
  });

  it('keeps the history of offers, bookings, conflicts and notes', () => {
    const [calendar] = openCalendars(1);
    const offer = {
      id: 'c2#1',
      number: 1,
      offeredAt: '2026-12-08T09:00:00.000-06:00',
      timezone: 'America/Chicago',
      slots: [nine],
    };
    calendar.book(request('c1', 'c1#1', nine), nineBusyUntil);
    calendar.saveOffer('apex-plumbing', 'c2', offer);
    calendar.book(request('c2', 'c2#1', nine), nineBusyUntil);

    expect(calendar.history('c2').map((event) => event.action)).toEqual(['offered', 'taken']);
    const booked = calendar.history('c1')[0];
    calendar.addNote('apex-plumbing', 'c1', booked.bookingId!, 'gate code 4321');
    expect(calendar.history('c1').map((event) => event.detail)).toContain('gate code 4321');
  });

  it('blocks cover the booking and its buffer', () => {
    const blocks = blocksBetween('2026-12-10T09:00:00.000-06:00', '2026-12-10T10:10:00.000-06:00');

    expect(blocks[0]).toBe('2026-12-10T15:00:00.000Z');
    expect(blocks.at(-1)).toBe('2026-12-10T16:00:00.000Z');
    expect(blocks).toHaveLength(5);
  });
});
