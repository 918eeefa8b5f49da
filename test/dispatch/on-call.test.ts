import { describe, expect, it } from 'vitest';
import { checkOnCallSettings, onCallAt, rosterAt, shiftDateAt } from '../../worker/on-call.ts';
import type { BusinessSettings } from '../../worker/settings.ts';

const TECHNICIANS = [
  { id: 'ana', name: 'Ana Ortiz', phone: '+13125550111', skills: ['gas', 'water-heater'] },
  { id: 'ben', name: 'Ben Walsh', phone: '+13125550122', skills: ['drain'] },
  { id: 'cal', name: 'Cal Moreno', phone: '+13125550133', skills: ['gas', 'drain'] },
];
const OWNER = { name: 'Dana Apex', phone: '+13125550199' };

function settings(onCall: BusinessSettings['onCall'], technicians = TECHNICIANS): BusinessSettings {
  return {
    id: 'apex-plumbing',
    company: { name: 'Apex Plumbing', phone: '+13125550100', timezone: 'America/Chicago' },
    hours: {},
    technicians,
    onCall,
  };
}

// Weekly rotation from Monday 30 November 2026 at 08:00 Chicago time: ana, ben, cal.
const ROTATION = { startDate: '2026-11-30', handoff: '08:00', order: ['ana', 'ben', 'cal'] };
const apex = settings({ rotation: ROTATION, backup: 'ben', owner: OWNER });

function onCallId(business: BusinessSettings, iso: string): string | undefined {
  return onCallAt(business, new Date(iso))?.technician.id;
}

describe('weekly rotation', () => {
  it('hands off at the local handoff time each week', () => {
    expect(onCallId(apex, '2026-11-30T14:00:00Z')).toBe('ana'); // Mon 08:00 CST
    expect(onCallId(apex, '2026-12-04T16:00:00Z')).toBe('ana'); // Fri 10:00
    expect(onCallId(apex, '2026-12-07T13:59:00Z')).toBe('ana'); // Mon 07:59
    expect(onCallId(apex, '2026-12-07T14:00:00Z')).toBe('ben'); // Mon 08:00
    expect(onCallId(apex, '2026-12-14T14:00:00Z')).toBe('cal');
    expect(onCallId(apex, '2026-12-21T14:00:00Z')).toBe('ana');
  });

  it('counts backwards before the start date', () => {
    expect(onCallId(apex, '2026-11-30T13:59:00Z')).toBe('cal'); // Mon 07:59, the week before
    expect(onCallId(apex, '2026-11-20T12:00:00Z')).toBe('ben');
  });

  it('keeps the handoff at 08:00 local across spring forward', () => {
    // DST starts Sunday 8 March 2026; Monday 9 March 08:00 CDT is 13:00Z, not 14:00Z.
    const spring = settings({ rotation: { ...ROTATION, startDate: '2026-03-02' } });
    expect(onCallId(spring, '2026-03-09T12:59:00Z')).toBe('ana');
    expect(onCallId(spring, '2026-03-09T13:00:00Z')).toBe('ben');
    expect(onCallId(spring, '2026-03-09T13:30:00Z')).toBe('ben');
  });

  it('keeps the handoff at 08:00 local across fall back', () => {
    // DST ends Sunday 1 November 2026; Monday 2 November 08:00 CST is 14:00Z, not 13:00Z.
    const fall = settings({ rotation: { ...ROTATION, startDate: '2026-10-26' } });
    expect(onCallId(fall, '2026-11-02T13:30:00Z')).toBe('ana');
    expect(onCallId(fall, '2026-11-02T14:00:00Z')).toBe('ben');
  });

  it('hands off at the first valid minute when DST skips the handoff time', () => {
    // 02:30 does not exist on 8 March 2026 in Chicago: the handoff happens at 03:30 CDT.
    const rotation = { startDate: '2026-03-01', handoff: '02:30', order: ['ana', 'ben'] };
    const sunday = settings({ rotation });
    expect(shiftDateAt(sunday, new Date('2026-03-08T08:15:00Z'))).toBe('2026-03-07'); // 03:15 CDT
    expect(onCallId(sunday, '2026-03-08T08:15:00Z')).toBe('ana');
    expect(onCallId(sunday, '2026-03-08T08:45:00Z')).toBe('ben'); // 03:45 CDT
  });

  it('defaults the handoff to 08:00', () => {
    const noHandoff = settings({ rotation: { startDate: '2026-11-30', order: ['ana', 'ben'] } });
    expect(onCallId(noHandoff, '2026-12-07T13:59:00Z')).toBe('ana');
    expect(onCallId(noHandoff, '2026-12-07T14:00:00Z')).toBe('ben');
  });

  it('returns null with no rotation and no override', () => {
    expect(onCallAt(settings({ owner: OWNER }), new Date('2026-12-04T16:00:00Z'))).toBeNull();
  });
});

describe('on-call overrides', () => {
  const vacation = settings({
    rotation: ROTATION,
    overrides: [
      { from: '2026-12-07', to: '2026-12-13', technician: 'ana', reason: 'Ben on vacation' },
    ],
  });

  it('puts the override technician on call for its shift days', () => {
    const shift = onCallAt(vacation, new Date('2026-12-09T18:00:00Z'));
    expect(shift?.technician.id).toBe('ana');
    expect(shift?.source).toBe('override');
    expect(shift?.reason).toBe('Ben on vacation');
  });

  it('covers its days from handoff to handoff', () => {
    expect(onCallId(vacation, '2026-12-07T13:59:00Z')).toBe('ana'); // still the rotation's ana
    expect(onCallAt(vacation, new Date('2026-12-07T14:00:00Z'))?.source).toBe('override');
    expect(onCallAt(vacation, new Date('2026-12-14T13:59:00Z'))?.source).toBe('override');
    expect(onCallId(vacation, '2026-12-14T14:00:00Z')).toBe('cal');
    expect(onCallAt(vacation, new Date('2026-12-14T14:00:00Z'))?.source).toBe('rotation');
  });

  it('lets the override listed last win where overrides overlap', () => {
    const swap = settings({
      rotation: ROTATION,
      overrides: [
        { from: '2026-12-07', to: '2026-12-13', technician: 'ana' },
        { from: '2026-12-10', to: '2026-12-10', technician: 'cal', reason: 'swap' },
      ],
    });
    expect(onCallId(swap, '2026-12-09T18:00:00Z')).toBe('ana');
    expect(onCallId(swap, '2026-12-10T18:00:00Z')).toBe('cal');
    expect(onCallId(swap, '2026-12-11T18:00:00Z')).toBe('ana');
  });

  it('falls back to the rotation when the override names an unknown technician', () => {
    const typo = settings({
      rotation: ROTATION,
      overrides: [{ from: '2026-12-07', to: '2026-12-13', technician: 'bne' }],
    });
    expect(onCallId(typo, '2026-12-09T18:00:00Z')).toBe('ben');
    expect(checkOnCallSettings(typo)).toEqual([
      "/onCall/overrides/0/technician: technician 'bne' is not in /technicians",
    ]);
  });
});

describe('dispatch roster', () => {
  const ids = (roster: ReturnType<typeof rosterAt>) => ({
    onCall: roster.responders.onCall?.id,
    backup: roster.responders.backup?.id,
    owner: roster.responders.owner?.id,
  });

  it('names the on-call technician, the backup and the owner', () => {
    const roster = rosterAt(apex, new Date('2026-12-04T16:00:00Z'), { gas: false });
    expect(ids(roster)).toEqual({ onCall: 'ana', backup: 'ben', owner: 'owner' });
    expect(roster.responders.owner?.phone).toBe(OWNER.phone);
    expect(roster.warnings).toEqual([]);
  });

  it('gives gas to the first gas technician in rotation order', () => {
    // Ben is on call without the gas skill, so Ana takes gas and Cal replaces Ben as backup.
    const roster = rosterAt(apex, new Date('2026-12-08T16:00:00Z'), { gas: true });
    expect(ids(roster)).toEqual({ onCall: 'ana', backup: 'cal', owner: 'owner' });
  });

  it('keeps a gas-qualified on-call technician for gas', () => {
    const roster = rosterAt(apex, new Date('2026-12-15T16:00:00Z'), { gas: true });
    expect(ids(roster)).toEqual({ onCall: 'cal', backup: 'ana', owner: 'owner' });
  });

  it('picks the next technician when the backup is on call', () => {
    const roster = rosterAt(apex, new Date('2026-12-08T16:00:00Z'), { gas: false });
    expect(ids(roster)).toEqual({ onCall: 'ben', backup: 'cal', owner: 'owner' });
  });

  it('warns and keeps the on-call technician when nobody has the gas skill', () => {
    const noGas = TECHNICIANS.map((technician) => ({ ...technician, skills: [] }));
    const business = settings({ rotation: ROTATION, backup: 'ben', owner: OWNER }, noGas);
    const roster = rosterAt(business, new Date('2026-12-04T16:00:00Z'), { gas: true });
    expect(roster.responders.onCall?.id).toBe('ana');
    expect(roster.responders.backup).toBeUndefined();
    const warning = "no technician has the 'gas' skill: notifying the on-call one";
    expect(roster.warnings).toEqual([warning]);
  });

  it('reports rotation and backup ids missing from technicians', () => {
    const broken = settings({
      rotation: { ...ROTATION, order: ['ana', 'zed'] },
      backup: 'yan',
      overrides: [{ from: '2026-12-10', to: '2026-12-01', technician: 'cal' }],
    });
    expect(checkOnCallSettings(broken)).toEqual([
      "/onCall/rotation/order/1: technician 'zed' is not in /technicians",
      "/onCall/overrides/0: 'to' (2026-12-01) is before 'from' (2026-12-10)",
      "/onCall/backup: technician 'yan' is not in /technicians",
    ]);
  });
});
