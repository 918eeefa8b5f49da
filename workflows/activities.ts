import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../worker/activities/index.ts';

export type Activities = ReturnType<typeof createActivities>;

/** Activities that touch the ledger, the rules or Vonage: short, retried with backoff. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 20 },
});
