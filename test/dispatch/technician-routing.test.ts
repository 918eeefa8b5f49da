import { describe, expect, it } from 'vitest';
import { chooseDispatch, type OpenDispatch } from '../../worker/technicians.ts';

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
});
