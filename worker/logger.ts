import { pino, type DestinationStream, type Logger } from 'pino';

const PHONE_KEYS = new Set(['phone', 'from', 'to', 'caller', 'technicianPhone', 'customerPhone']);

/** Masks all but the country code and last four digits: +13125550123 becomes +1******0123. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 7) return '***';
  const country = phone.startsWith('+') ? `+${digits.slice(0, 1)}` : '';
  const hidden = digits.length - 4 - (country ? 1 : 0);
  return `${country}${'*'.repeat(hidden)}${digits.slice(-4)}`;
}

/** Masks phone numbers in ids such as ringback/apex-plumbing/+13125550123. */
export function maskPhonesInText(text: string): string {
  return text.replace(/\+?\d{10,15}/g, (match) => maskPhone(match));
}

/**
 * Masks the phone fields, and any run of 10 to 15 digits in the other string fields, such as
 * workflow ids, call ids and URLs with a caller in the query.
 */
function maskFields(fields: Record<string, unknown>): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') masked[key] = value;
    else if (PHONE_KEYS.has(key)) masked[key] = maskPhone(value);
    else masked[key] = maskPhonesInText(value);
  }
  return masked;
}

/** Creates a pino logger that masks phone numbers in known fields, writing to stdout by default. */
export function createLogger(destination?: DestinationStream): Logger {
  const options = {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'ringback' },
    formatters: { log: maskFields },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger: Logger = createLogger();

export function childLogger(component: string): Logger {
  return logger.child({ component });
}
