import { describe, expect, it } from 'vitest';
import { TEMPLATE_VARIABLES } from '../../engine/index.ts';
import { COMPANY_VARIABLES, DISPATCH_VARIABLES } from '../../engine/template-variables.ts';
import { companyVars } from '../../worker/activities/messaging.ts';
import { dispatchVars } from '../../worker/dispatch-notice.ts';
import { loadSettings } from '../../worker/settings.ts';
import type { DispatchFacts } from '../../workflows/dispatch-signals.ts';

/** Lists the dotted paths of an object's leaves, e.g. `company.name`. */
function leafPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null
      ? leafPaths(child, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

const settings = loadSettings();

const facts: DispatchFacts = {
  customer: { phone: '+13125554200', name: null, address: null, zip: '60601' },
  issue: 'pipe burst in the basement',
  urgency: 'emergency',
  jobType: 'Pipe Repair',
  period: 'open',
  customerOptedOut: false,
  tried: [],
  holder: null,
  detail: null,
};

describe('template variable catalogue', () => {
  it('lists exactly the company variables filled in', () => {
    expect(leafPaths(companyVars(settings)).sort()).toEqual([...COMPANY_VARIABLES].sort());
  });

  it('lists exactly the dispatch variables filled in', () => {
    expect(leafPaths(dispatchVars(settings, facts)).sort()).toEqual([...DISPATCH_VARIABLES].sort());
  });

  it('contains every listed group', () => {
    for (const name of [...COMPANY_VARIABLES, ...DISPATCH_VARIABLES]) {
      expect(TEMPLATE_VARIABLES.has(name)).toBe(true);
    }
  });
});
