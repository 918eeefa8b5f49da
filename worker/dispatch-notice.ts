import { DateTime } from 'luxon';
import type { JobType } from '../engine/index.ts';
import type {
  DispatchFacts,
  DispatchRole,
  DispatchUrgency,
} from '../workflows/dispatch-signals.ts';
import type { Period } from './hours.ts';
import { checkZip, ServiceAreaError } from './service-area.ts';
import type { BusinessSettings } from './settings.ts';

const ROLE_NAMES: Record<DispatchRole, string> = {
  onCall: 'on call',
  backup: 'backup',
  owner: 'owner',
};

/** Maximum length of the customer text a notice quotes, so a notice stays a few SMS segments. */
const MAX_QUOTE = 300;

function quote(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_QUOTE ? clean : `${clean.slice(0, MAX_QUOTE - 3).trimEnd()}...`;
}

function localClock(settings: BusinessSettings, iso: string): string {
  return DateTime.fromISO(iso, { zone: settings.company.timezone }).toFormat('h:mm a');
}

function urgencyText(urgency: DispatchUrgency, jobType: JobType): string {
  if (urgency === 'gas') return 'GAS LINE - highest priority';
  return jobType ? `Emergency (${jobType})` : 'Emergency';
}

function periodText(period: Period): string {
  if (period === 'holiday') return 'After hours (holiday)';
  return period === 'after_hours' ? 'After hours' : 'During open hours';
}

/** Reads a number digit by digit, so a text-to-speech voice does not say "three billion". */
function spokenDigits(phone: string): string {
  return phone
    .replace(/[^0-9]/g, '')
    .split('')
    .join(' ');
}

/**
 * Builds the `dispatch` template variables from the facts, e.g. `{{dispatch.address}}`. Every
 * variable has a value, because the template renderer rejects a missing one.
 */
export function dispatchVars(settings: BusinessSettings, facts: DispatchFacts) {
  const { customer } = facts;
  const zip = customer.zip ? ` (ZIP ${customer.zip})` : '';
  const tried = facts.tried.map((responder) => {
    const notified = localClock(settings, responder.notifiedAt);
    const reply = responder.lastReply ? `, replied "${quote(responder.lastReply)}"` : '';
    return `${responder.name} (${ROLE_NAMES[responder.role]}, notified ${notified}${reply})`;
  });
  const callWithin = 'Call the customer within 10 minutes.';
  const callOnly = 'Do NOT text them: they opted out of texts.';
  const contactRule = facts.customerOptedOut
    ? 'The customer opted out of texts: call, do NOT text.'
    : 'You can call or text the customer.';

  return {
    dispatch: {
      headline: facts.urgency === 'gas' ? 'GAS EMERGENCY DISPATCH' : 'EMERGENCY DISPATCH',
      urgency: urgencyText(facts.urgency, facts.jobType),
      customerName: customer.name ?? 'not given',
      customerPhone: customer.phone,
      customerPhoneSpoken: spokenDigits(customer.phone),
      address: `${customer.address ?? `not given yet${zip}`}${outsideArea(settings, customer.zip)}`,
      issue: quote(facts.issue),
      when: periodText(facts.period),
      contact: facts.customerOptedOut ? `${callWithin} ${callOnly}` : callWithin,
      contactRule,
      tried: tried.length > 0 ? tried.join('; ') : 'nobody',
      holderName: facts.holder?.name ?? 'Another technician',
      detail: facts.detail ? quote(facts.detail) : '',
    },
  };
}

/**
 * Flags an address outside the service area, so the responder decides whether to go. The
 * dispatch runs anyway: a leak or a gas smell is never declined by ZIP code alone.
 */
function outsideArea(settings: BusinessSettings, zip: string | null): string {
  if (!zip) return '';
  try {
    return checkZip(settings.serviceArea, zip).inArea === false
      ? ' (OUTSIDE the service area)'
      : '';
  } catch (error) {
    if (error instanceof ServiceAreaError) return '';
    throw error;
  }
}

/** Reads the after-hours fee sentence from business settings, with its amount filled in. */
export function afterHoursFeeText(settings: BusinessSettings): string | null {
  const fee = dispatchSettings(settings).afterHoursFee;
  if (!fee) return null;
  return fee.wording.replaceAll('{{amount}}', fee.amount);
}

/** The `dispatch` section of the business settings. */
export interface DispatchSettings {
  /** The sentence after-hours customers get, e.g. "After-hours visits have a {{amount}} fee." */
  afterHoursFee?: { amount: string; wording: string };
  /** True to also call each responder and read the notice aloud. Default: false. */
  voiceNotice?: boolean;
}

export function dispatchSettings(settings: BusinessSettings): DispatchSettings {
  return (settings.dispatch ?? {}) as DispatchSettings;
}
