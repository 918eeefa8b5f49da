/**
 * Picks each field's winner from the events that fired: the most severe urgency, the job
 * nearest to the winning problem, and the highest priority for the other fields.
 */
import type { JobType, Keyword, Urgency } from './types.js';

/** Urgencies from least to most severe; the most severe one that fired wins. */
export const SEVERITY: readonly Urgency[] = ['none', 'routine', 'sewer', 'emergency', 'gas'];

/**
 * Template and branch of a message that names a job but fires no urgency rule: routine work.
 * The cross-checks require this template to exist in templates.json.
 */
export const IMPLIED_ROUTINE = { template: 'non_emergency', branch: 'booking' } as const;

/** Position of a phrase match: clause and sentence indices in the message. */
export interface Place {
  clause: number;
  sentence: number;
}

/** A fired rule's event, with its priority and the places its phrases matched. */
export interface FiredEvent {
  rule: string;
  type: string;
  params: Record<string, unknown>;
  priority: number;
  places: Place[];
}

/** Clauses apart, plus half a clause when the two are in different sentences. */
function placeDistance(a: Place, b: Place): number {
  return Math.abs(a.clause - b.clause) + (a.sentence === b.sentence ? 0 : 0.5);
}

function byPriority(a: FiredEvent, b: FiredEvent): number {
  return b.priority - a.priority;
}

/** Returns the highest-priority event of a type, or undefined. */
export function topEvent(events: FiredEvent[], type: string): FiredEvent | undefined {
  return events.filter((event) => event.type === type).sort(byPriority)[0];
}

/** Returns the most severe urgency event, and between equal urgencies the higher priority. */
export function winningUrgency(events: FiredEvent[]): FiredEvent | undefined {
  const severity = (event: FiredEvent) => SEVERITY.indexOf(event.params.urgency as Urgency);
  return events
    .filter((event) => event.type === 'urgency')
    .sort((a, b) => severity(b) - severity(a) || byPriority(a, b))[0];
}

/**
 * Chooses the job of the winning problem. A problem with a fixed job (a gas smell is always Gas
 * Line) gives that job. Otherwise the jobType event nearest to the problem's clauses wins, then
 * the higher priority, then the one named first. With no problem, the highest priority wins,
 * because fixtures are often named only to say where a job is ("the water in the showers").
 * Fallback jobs (a leak with no fixture named) count only when no other job fired, and a
 * problem with no job at all gives its default job.
 */
export function chooseJobType(events: FiredEvent[], urgency: FiredEvent | undefined): JobType {
  if (urgency?.params.jobType) return urgency.params.jobType as JobType;

  const named = events.filter((event) => event.type === 'jobType' && !event.params.fallback);
  const jobs = named.length > 0 ? named : events.filter((event) => event.type === 'jobType');
  const anchors = urgency?.places.length ? urgency.places : null;
  const distance = (job: FiredEvent) =>
    anchors
      ? Math.min(...job.places.flatMap((place) => anchors.map((a) => placeDistance(place, a))))
      : 0;
  const firstClause = (job: FiredEvent) => Math.min(...job.places.map((place) => place.clause));

  const best = jobs.sort(
    (a, b) => distance(a) - distance(b) || byPriority(a, b) || firstClause(a) - firstClause(b),
  )[0];
  if (best) return best.params.jobType as JobType;
  return (urgency?.params.defaultJobType as JobType | undefined) ?? null;
}

export function keywordOf(event: FiredEvent | undefined): Keyword {
  return (event?.params.keyword as Keyword | undefined) ?? null;
}
