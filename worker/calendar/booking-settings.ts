import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import type { JobType } from '../../engine/types.ts';
import type { BusinessSettings, Technician, TimeRange, Weekday } from '../settings.ts';

export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;

/** The `booking` section of the business settings, as written in the file. */
export interface BookingSection {
  workingHours?: WeeklyHours;
  technicianHours?: Record<string, WeeklyHours>;
  afterHours?: WeeklyHours;
  jobLength?: Partial<Record<NonNullable<JobType> | 'default', string>>;
  jobSkills?: Partial<Record<NonNullable<JobType>, string>>;
  travelBuffer?: string;
  leadTime?: string;
  slotStep?: string;
  daysAhead?: number;
  slotsPerOffer?: number;
  priceRanges?: Partial<Record<NonNullable<JobType> | 'default', string>>;
}

/** The booking settings with every default filled in; durations in minutes. */
export interface BookingRules {
  timezone: string;
  technicians: Technician[];
  hoursOf(technicianId: string): WeeklyHours;
  afterHours: WeeklyHours | null;
  jobMinutes(jobType: JobType): number;
  skillFor(jobType: JobType): string | null;
  travelBufferMinutes: number;
  leadTimeMinutes: number;
  slotStepMinutes: number;
  daysAhead: number;
  slotsPerOffer: number;
}

const DEFAULT_JOB_LENGTH = '1h';

const minutes = (duration: string) => Math.round(msToNumber(duration as Duration) / 60_000);

/** Reads the `booking` section. Technicians work the company's open hours unless it sets others. */
export function bookingRules(settings: BusinessSettings): BookingRules {
  const section = (settings.booking ?? {}) as BookingSection;
  const defaultHours = section.workingHours ?? settings.hours;
  const jobLength = section.jobLength ?? {};

  return {
    timezone: settings.company.timezone,
    technicians: settings.technicians ?? [],
    hoursOf: (technicianId) => section.technicianHours?.[technicianId] ?? defaultHours,
    afterHours: section.afterHours ?? null,
    jobMinutes: (jobType) =>
      minutes((jobType && jobLength[jobType]) || jobLength.default || DEFAULT_JOB_LENGTH),
    skillFor: (jobType) => (jobType && section.jobSkills?.[jobType]) || null,
    travelBufferMinutes: minutes(section.travelBuffer ?? '30m'),
    leadTimeMinutes: minutes(section.leadTime ?? '2h'),
    slotStepMinutes: minutes(section.slotStep ?? '30m'),
    daysAhead: section.daysAhead ?? 7,
    slotsPerOffer: section.slotsPerOffer ?? 2,
  };
}

/** Returns the ballpark price range for a job type, e.g. "$150-$450", or null when none is set. */
export function priceRangeFor(settings: BusinessSettings, jobType: JobType): string | null {
  const ranges = ((settings.booking ?? {}) as BookingSection).priceRanges ?? {};
  return (jobType && ranges[jobType]) || ranges.default || null;
}
