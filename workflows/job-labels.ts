import type { JobType } from '../engine/index.ts';

const JOB_LABELS: Record<NonNullable<JobType>, string> = {
  'Water Heater': 'a water heater issue',
  'Drain/Sewer': 'a drain problem',
  'Pipe Repair': 'a pipe repair',
  'Fixture Repair': 'a fixture repair',
  'Gas Line': 'gas line work',
  Other: 'a plumbing job',
};

/** The job in a customer's words for a template, e.g. "a water heater issue". */
export function jobLabel(jobType: JobType): string {
  return jobType ? JOB_LABELS[jobType] : 'a plumbing job';
}
