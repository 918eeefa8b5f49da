import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../worker/activities/index.ts';

export type Activities = ReturnType<typeof createActivities>;

/** Activities that touch the ledger, the rules or Vonage: short, retried with backoff. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '500ms',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 20,
  },
});

/**
 * The same activities run inside the workflow task, for the steps on the path from a missed call
 * to the first text: no round trip through the Temporal server's task queue per step. Eight
 * attempts with backoff span a minute or more, which is as long as an outage holds up a
 * conversation before a text is given up.
 */
export const localActivities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: {
    initialInterval: '500ms',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 8,
  },
});
