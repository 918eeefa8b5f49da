import { describe, expect, it } from 'vitest';
import { bookingRules, priceRangeFor } from '../../worker/calendar/booking-settings.ts';
import { loadSettings, parseSettings, SettingsError } from '../../worker/settings.ts';

const example = loadSettings();

function withBooking(booking: Record<string, unknown>) {
  return { ...example, booking: { ...(example.booking as object), ...booking } };
}

describe('booking settings', () => {
  it('accepts the example business settings', () => {
    expect(() => parseSettings(example, 'rules/business.json')).not.toThrow();
  });

  it.each([
    ['more than three times per text', { slotsPerOffer: 5 }],
    ['an unknown job type', { jobLength: { Roofing: '2h' } }],
    ['a duration without a unit', { travelBuffer: '30' }],
    ['a time of day out of range', { workingHours: { mon: [['08:00', '25:00']] } }],
  ])('rejects %s', (_case, booking) => {
    expect(() => parseSettings(withBooking(booking), 'business.json')).toThrow(SettingsError);
  });

  it('fills in defaults for a business with no booking section', () => {
    const rules = bookingRules({ ...example, booking: undefined });

    expect(rules.jobMinutes('Water Heater')).toBe(60);
    expect(rules.travelBufferMinutes).toBe(30);
    expect(rules.leadTimeMinutes).toBe(120);
    expect(rules.daysAhead).toBe(7);
    expect(rules.slotsPerOffer).toBe(2);
    expect(rules.hoursOf('ana')).toEqual(example.hours);
  });

  it('reads job length and price range by job type with a default', () => {
    const rules = bookingRules(example);

    expect(rules.jobMinutes('Water Heater')).toBe(120);
    expect(rules.jobMinutes('Other')).toBe(60);
    expect(priceRangeFor(example, 'Pipe Repair')).toBe('$200-$600');
    expect(priceRangeFor(example, 'Gas Line')).toBe('$150-$500');
  });
});
