import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export class PhoneError extends Error {}

/**
 * Normalises a phone number to E.164. A number without a plus sign is read as a national number
 * of the default country first, then as digits that include the country code. Vonage writes
 * numbers the second way ("13125550123"): pass `international: true` for its fields, so that
 * reading starts with the country code. A number that is invalid with a country code, such as
 * 3125550123, is still read as a national one.
 */
export function toE164(
  raw: string,
  defaultCountry: CountryCode = 'US',
  international = false,
  field?: string,
): string {
  const trimmed = String(raw).trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  const national = [trimmed, `+${digits}`];
  const candidates = trimmed.startsWith('+')
    ? [trimmed]
    : international
      ? [`+${digits}`, trimmed]
      : national;
  for (const candidate of candidates) {
    const parsed = candidate.startsWith('+')
      ? parsePhoneNumberFromString(candidate)
      : parsePhoneNumberFromString(candidate, defaultCountry);
    if (parsed?.isValid()) return parsed.number;
  }
  const where = field ? `${field}: ` : '';
  throw new PhoneError(`${where}'${raw}' is not a valid phone number`);
}

/** Returns the country of the business's own phone, used to read national numbers. */
export function countryOf(e164: string): CountryCode {
  return parsePhoneNumberFromString(e164)?.country ?? 'US';
}

/** Formats a number for people to read: national format at home, international otherwise. */
export function formatPhone(e164: string, homeCountry: CountryCode = 'US'): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
}
