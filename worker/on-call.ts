import { DateTime } from 'luxon';
import type { DispatchRole, Responder } from '../workflows/dispatch-signals.ts';
import type { BusinessSettings, Technician } from './settings.ts';

const DEFAULT_HANDOFF = '08:00';
const GAS_SKILL = 'gas';

/** The technician on call at a moment, and where the assignment comes from. */
export interface OnCallShift {
  technician: Technician;
  source: 'rotation' | 'override';
  /** The override's reason, e.g. "vacation"; null for the rotation. */
  reason: string | null;
  /** Local date (YYYY-MM-DD) of the daily handoff that started the current shift day. */
  shiftDate: string;
}

/** The responders for one dispatch by role, with any settings problems met on the way. */
export interface Roster {
  responders: Partial<Record<DispatchRole, Responder>>;
  warnings: string[];
}

function technicianById(settings: BusinessSettings, id: string): Technician | undefined {
  return settings.technicians?.find((technician) => technician.id === id);
}

function hasSkill(technician: Technician, skill: string): boolean {
  return technician.skills?.includes(skill) ?? false;
}

function handoffTime(settings: BusinessSettings): { hour: number; minute: number } {
  const handoff = settings.onCall?.rotation?.handoff ?? DEFAULT_HANDOFF;
  const [hour, minute] = handoff.split(':').map(Number);
  // "24:00" hands off at the same instant as "00:00".
  return { hour: hour % 24, minute };
}

/**
 * Returns the local date of the last daily handoff at or before `at`. Shifts are counted in
 * local calendar days, so a handoff keeps its wall-clock time across DST changes. A handoff
 * time that a spring-forward skips happens at the first valid minute after it.
 */
export function shiftDateAt(settings: BusinessSettings, at: Date): string {
  const zone = settings.company.timezone;
  if (Number.isNaN(at.getTime())) throw new RangeError('shiftDateAt: the time is an invalid date');
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new Error(`company.timezone: '${zone}' is not a valid IANA zone`);

  const handoff = handoffTime(settings);
  let start = local.set({ ...handoff, second: 0, millisecond: 0 });
  if (start > local) start = start.minus({ days: 1 }).set(handoff);
  return start.toISODate()!;
}

function daysBetween(fromDate: string, toDate: string): number {
  const from = DateTime.fromISO(fromDate, { zone: 'utc' });
  const to = DateTime.fromISO(toDate, { zone: 'utc' });
  return Math.round(to.diff(from, 'days').days);
}

/**
 * Finds the technician on call at a moment. The last listed override whose dates (inclusive,
 * local) contain the shift day wins. Otherwise the weekly rotation applies: it moves to the next
 * technician in `order` every 7 days from `startDate` at the handoff time. Returns null when
 * neither names a known technician.
 */
export function onCallAt(settings: BusinessSettings, at: Date): OnCallShift | null {
  const shiftDate = shiftDateAt(settings, at);
  const onCall = settings.onCall ?? {};

  const override = [...(onCall.overrides ?? [])]
    .reverse()
    .find((entry) => entry.from <= shiftDate && shiftDate <= entry.to);
  if (override) {
    const technician = technicianById(settings, override.technician);
    const reason = override.reason ?? null;
    if (technician) return { technician, source: 'override', reason, shiftDate };
  }

  const rotation = onCall.rotation;
  if (!rotation || rotation.order.length === 0) return null;
  const week = Math.floor(daysBetween(rotation.startDate, shiftDate) / 7);
  const count = rotation.order.length;
  const id = rotation.order[((week % count) + count) % count];
  const technician = technicianById(settings, id);
  return technician ? { technician, source: 'rotation', reason: null, shiftDate } : null;
}

/** Technicians in rotation order first, then the others in the order they are listed. */
function inRotationOrder(settings: BusinessSettings): Technician[] {
  const order = settings.onCall?.rotation?.order ?? [];
  const listed = settings.technicians ?? [];
  const rotating = order.map((id) => technicianById(settings, id)).filter((t) => t !== undefined);
  return [...rotating, ...listed.filter((technician) => !order.includes(technician.id))];
}

function responder(technician: Technician, role: DispatchRole): Responder {
  return { id: technician.id, name: technician.name, phone: technician.phone, role };
}

/**
 * Picks the on-call technician, the backup and the owner for a dispatch at a moment. For gas,
 * the on-call and backup places go to technicians with the `gas` skill: the first ones in
 * rotation order stand in for those without it. A backup who is the on-call technician is
 * replaced by the next technician in rotation order, so nobody is notified twice.
 */
export function rosterAt(settings: BusinessSettings, at: Date, options: { gas: boolean }): Roster {
  const warnings = checkOnCallSettings(settings);
  const candidates = inRotationOrder(settings);
  const qualified = (technician: Technician) => !options.gas || hasSkill(technician, GAS_SKILL);
  const responders: Roster['responders'] = {};

  let onCall = onCallAt(settings, at)?.technician;
  if (onCall && !qualified(onCall)) {
    const standIn = candidates.find(qualified);
    if (standIn) onCall = standIn;
    else warnings.push(`no technician has the '${GAS_SKILL}' skill: notifying the on-call one`);
  }
  if (onCall) responders.onCall = responder(onCall, 'onCall');

  const backupId = settings.onCall?.backup;
  let backup = backupId ? technicianById(settings, backupId) : undefined;
  if (backup && (backup.id === onCall?.id || !qualified(backup))) {
    const index = candidates.findIndex((technician) => technician.id === onCall?.id);
    const after = [...candidates.slice(index + 1), ...candidates.slice(0, Math.max(index, 0))];
    backup = after.find((technician) => technician.id !== onCall?.id && qualified(technician));
  }
  if (backup) responders.backup = responder(backup, 'backup');

  const owner = settings.onCall?.owner;
  if (owner) {
    responders.owner = { id: 'owner', name: owner.name, phone: owner.phone, role: 'owner' };
  }
  return { responders, warnings };
}

/** Lists on-call settings that name technicians who are not in `technicians`, by JSON path. */
export function checkOnCallSettings(settings: BusinessSettings): string[] {
  const problems: string[] = [];
  const unknown = (path: string, id: string) => {
    if (technicianById(settings, id)) return;
    problems.push(`${path}: technician '${id}' is not in /technicians`);
  };
  const onCall = settings.onCall ?? {};

  onCall.rotation?.order.forEach((id, index) => unknown(`/onCall/rotation/order/${index}`, id));
  onCall.overrides?.forEach((override, index) => {
    unknown(`/onCall/overrides/${index}/technician`, override.technician);
    if (override.to < override.from) {
      const dates = `'to' (${override.to}) is before 'from' (${override.from})`;
      problems.push(`/onCall/overrides/${index}: ${dates}`);
    }
  });
  if (onCall.backup) unknown('/onCall/backup', onCall.backup);
  return problems;
}
