/**
 * Cross-checks of the business settings (business.json) that its JSON Schema cannot express:
 * the company's time zone must exist, and the on-call settings may name only technicians listed
 * in `technicians`.
 */
import { IANAZone } from 'luxon';

import { pointerSegment, problem } from './problems.js';
import type { Problem } from './types.js';

/** The file name the business settings have among the rule files. */
export const BUSINESS_FILE = 'business.json';

/**
 * Cross-checks parsed business settings. Parts with the wrong shape are skipped, because the
 * schema check reports them.
 */
export function crossCheckBusiness(settings: unknown): Problem[] {
  if (!isObject(settings)) return [];
  return [...checkTimezone(settings.company), ...checkTechnicianIds(settings)];
}

function checkTimezone(company: unknown): Problem[] {
  if (!isObject(company) || typeof company.timezone !== 'string') return [];
  // IANAZone.isValidZone (luxon 3) tries the zone with Intl.DateTimeFormat, so it works in Node,
  // in the browser and in the workflow sandbox.
  if (IANAZone.isValidZone(company.timezone)) return [];
  return [problem('unknown-timezone', BUSINESS_FILE, '/company/timezone', company.timezone)];
}

/** Lists every technician id the settings name outside `technicians`, with its JSON pointer. */
function technicianReferences(settings: Record<string, unknown>): Array<[string, string]> {
  const references: Array<[string, unknown]> = [];
  const onCall = isObject(settings.onCall) ? settings.onCall : {};

  const rotation = isObject(onCall.rotation) ? onCall.rotation : {};
  if (Array.isArray(rotation.order)) {
    rotation.order.forEach((id, index) => references.push([`/onCall/rotation/order/${index}`, id]));
  }
  references.push(['/onCall/backup', onCall.backup]);
  if (Array.isArray(onCall.overrides)) {
    onCall.overrides.forEach((override, index) => {
      const id = isObject(override) ? override.technician : undefined;
      references.push([`/onCall/overrides/${index}/technician`, id]);
    });
  }

  const booking = isObject(settings.booking) ? settings.booking : {};
  if (isObject(booking.technicianHours)) {
    for (const id of Object.keys(booking.technicianHours)) {
      references.push([`/booking/technicianHours/${pointerSegment(id)}`, id]);
    }
  }
  return references.filter(
    (reference): reference is [string, string] => typeof reference[1] === 'string',
  );
}

function checkTechnicianIds(settings: Record<string, unknown>): Problem[] {
  const technicians = Array.isArray(settings.technicians) ? settings.technicians : [];
  const known = new Set(technicians.map((technician) => (technician as { id?: unknown })?.id));
  return technicianReferences(settings)
    .filter(([, id]) => !known.has(id))
    .map(([path, id]) => problem('unknown-technician', BUSINESS_FILE, path, id));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
