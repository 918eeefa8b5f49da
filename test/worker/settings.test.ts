import { describe, expect, it } from 'vitest';
import { hoursText, periodAt } from '../../worker/hours.ts';
import { loadSettings, parseSettings, SettingsError } from '../../worker/settings.ts';
import { formatPhone, toE164 } from '../../worker/phone.ts';
import { maskPhone } from '../../worker/logger.ts';

const example = () => structuredClone(loadSettings());

describe('business settings', () => {
  it('rejects an unknown time zone naming the path', () => {
    const settings = example();
    settings.company.timezone = 'Mars/Olympus';
    expect(() => parseSettings(settings, 'business.json')).toThrow(SettingsError);
    expect(() => parseSettings(settings, 'business.json')).toThrow(/\/company\/timezone/);
  });

  it('rejects a malformed duration naming the path', () => {
    const settings = example();
    settings.timers = { replyWindow: 'forever' };
    expect(() => parseSettings(settings, 'business.json')).toThrow(/\/timers\/replyWindow/);
  });
});

describe('open hours', () => {
  const settings = example();
  const cases: [string, string, string][] = [
    ['Friday 10:00 Chicago', '2026-12-04T16:00:00Z', 'open'],
    ['Friday 21:00 Chicago', '2026-12-05T03:00:00Z', 'after_hours'],
    ['Sunday noon', '2026-12-06T18:00:00Z', 'after_hours'],
    ['Saturday 13:59', '2026-12-05T19:59:00Z', 'open'],
    ['Saturday 14:00', '2026-12-05T20:00:00Z', 'after_hours'],
    ['Christmas Day', '2026-12-25T16:00:00Z', 'holiday'],
    ['company holiday', '2026-12-24T16:00:00Z', 'holiday'],
    ['Monday after DST starts, 7:30 CDT', '2026-03-09T12:30:00Z', 'open'],
    ['Friday before DST ends, 12:30 UTC is 7:30 CDT', '2026-10-30T12:30:00Z', 'open'],
    ['Monday after DST ends, 12:30 UTC is 6:30 CST', '2026-11-02T12:30:00Z', 'after_hours'],
    ['Monday after DST ends, 13:30 UTC is 7:30 CST', '2026-11-02T13:30:00Z', 'open'],
  ];
  for (const [name, at, period] of cases) {
    it(`${name} is ${period}`, () => {
      expect(periodAt(settings, new Date(at)).period).toBe(period);
    });
  }

  it('formats hours for customers', () => {
    expect(hoursText(settings)).toBe('Mon-Fri 7am-6pm, Sat 8am-2pm');
  });
});

describe('phone numbers', () => {
  it('reads national and international forms', () => {
    expect(toE164('(312) 555-0123')).toBe('+13125550123');
    expect(toE164('+13125550123')).toBe('+13125550123');
    expect(toE164('13125550123', 'US', true)).toBe('+13125550123');
  });

  it('reads a Vonage number without its country code', () => {
    expect(toE164('3125559610', 'US', true)).toBe('+13125559610');
    expect(toE164('447911123456', 'US', true)).toBe('+447911123456');
  });

  it('rejects what is not a number', () => {
    expect(() => toE164('12345')).toThrow(/not a valid phone number/);
    expect(() => toE164('72975', 'US', true)).toThrow(/not a valid phone number/);
  });

  it('formats and masks', () => {
    expect(formatPhone('+13125550100')).toBe('(312) 555-0100');
    expect(maskPhone('+13125550123')).toBe('+1******0123');
  });
});
