import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chooseDispatch, DispatchNotices, type OpenDispatch } from '../../worker/technicians.ts';

const ANA = '+13125550111';
const BEN = '+13125550122';

function dispatchFor(customer: string, holderPhone: string | null = null): OpenDispatch {
  return { dispatchId: `ringback/apex-plumbing/${customer}/dispatch/m-${customer}`, holderPhone };
}

// Most recent first, as DispatchNotices.openDispatchesFor lists them.
const newFree = dispatchFor('+13125552002');
const heldByAna = dispatchFor('+13125552001', ANA);
const heldByBen = dispatchFor('+13125552003', BEN);

describe('chooseDispatch', () => {
  it('returns null without an open dispatch', () => {
    expect(chooseDispatch([], ANA, 'ok', 'acknowledge')).toBeNull();
  });

  it('sends an acknowledgement to a job nobody holds', () => {
    const chosen = chooseDispatch([heldByAna, newFree], ANA, 'ok', 'acknowledge');
    expect(chosen).toBe(newFree.dispatchId);
  });

  it('sends CALLED to the job the phone holds', () => {
    const chosen = chooseDispatch([newFree, heldByAna], ANA, 'called them', 'called');
    expect(chosen).toBe(heldByAna.dispatchId);
  });

  it('sends CALLED to a free job when the phone holds none', () => {
    const chosen = chooseDispatch([heldByBen, newFree], ANA, 'called', 'called');
    expect(chosen).toBe(newFree.dispatchId);
  });

  it('follows the customer digits a reply names', () => {
    const chosen = chooseDispatch([newFree, heldByAna], ANA, 'ok 2001', 'acknowledge');
    expect(chosen).toBe(heldByAna.dispatchId);
  });

  it('ignores digits that match no customer', () => {
    const chosen = chooseDispatch([heldByAna, newFree], ANA, 'ok 9999', 'acknowledge');
    expect(chosen).toBe(newFree.dispatchId);
  });

  it('falls back to the most recent job', () => {
    const chosen = chooseDispatch([heldByBen], ANA, 'ok', 'acknowledge');
    expect(chosen).toBe(heldByBen.dispatchId);
  });

  it('sends a release to the job the phone holds', () => {
    const chosen = chooseDispatch([newFree, heldByAna], ANA, "can't make it", 'release');
    expect(chosen).toBe(heldByAna.dispatchId);
  });

  it('ignores digits of a job someone else holds', () => {
    const chosen = chooseDispatch([heldByBen, newFree], ANA, 'ok, at 2003 W Elm', 'acknowledge');
    expect(chosen).toBe(newFree.dispatchId);
  });

  it('chooses among the jobs digits name twice', () => {
    const first = dispatchFor('+13125554005', ANA);
    const second = dispatchFor('+13125514005');
    const other = dispatchFor('+13125557777', ANA);
    const chosen = chooseDispatch([other, second, first], ANA, 'CALLED 4005', 'called');
    expect(chosen).toBe(first.dispatchId);
  });
});

describe('DispatchNotices', () => {
  it('moves a repeat notice to the front', () => {
    const notices = new DispatchNotices(new Database(':memory:'));
    const notice = (dispatchId: string, at: string) =>
      notices.recordNotice({
        businessId: 'apex-plumbing',
        dispatchId,
        phone: ANA,
        responderId: 'ana',
        role: 'onCall',
        at,
      });
    notice(newFree.dispatchId, '2026-12-04T16:00:00.000Z');
    notice(heldByAna.dispatchId, '2026-12-04T16:05:00.000Z');
    notice(newFree.dispatchId, '2026-12-04T16:45:00.000Z');

    const open = notices.openDispatchesFor('apex-plumbing', ANA);
    expect(open.map((dispatch) => dispatch.dispatchId)).toEqual([
      newFree.dispatchId,
      heldByAna.dispatchId,
    ]);
  });

  it('forgets a holder who gave the job back', () => {
    const notices = new DispatchNotices(new Database(':memory:'));
    notices.recordNotice({
      businessId: 'apex-plumbing',
      dispatchId: newFree.dispatchId,
      phone: ANA,
      responderId: 'ana',
      role: 'onCall',
      at: '2026-12-04T16:00:00.000Z',
    });
    notices.recordHolder(newFree.dispatchId, ANA, '2026-12-04T16:01:00.000Z');
    expect(notices.openDispatchesFor('apex-plumbing', ANA)[0].holderPhone).toBe(ANA);

    notices.recordHolder(newFree.dispatchId, null, '2026-12-04T16:20:00.000Z');
    expect(notices.openDispatchesFor('apex-plumbing', ANA)[0].holderPhone).toBeNull();
  });
});
