import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import type { temporal } from '@temporalio/proto';
import { existsSync, readFileSync } from 'node:fs';
import type { ConversationInput } from '../workflows/state.ts';
import { conversationWorkflowId } from './temporal.ts';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** One step of a conversation or dispatch as its history recorded it. */
export interface TimelineEntry {
  at: string;
  kind: 'started' | 'signal' | 'activity' | 'timer' | 'child' | 'completed' | 'failed';
  name: string;
  input?: unknown;
  result?: unknown;
}

/**
 * Finds the workflow id of a saved history. `temporal workflow show --output json` omits it, but
 * replay needs the id, because a conversation names its dispatch after it. The id comes from
 * the option, the file's `workflowId`, the conversation's business and caller, or the dispatch
 * the history started, in that order.
 */
function workflowIdOf(json: { workflowId?: string }, history: History, given?: string): string {
  if (given) return given;
  if (json.workflowId) return json.workflowId;
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const input = decode(started?.input)[0] as Partial<ConversationInput> | undefined;
  if (started?.workflowType?.name === 'conversationWorkflow' && input?.businessId && input.phone) {
    return conversationWorkflowId(input.businessId, input.phone);
  }
  for (const event of history.events ?? []) {
    const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    if (child?.includes('/dispatch/')) return child.slice(0, child.indexOf('/dispatch/'));
  }
  return 'replayed-workflow';
}

export async function loadHistory(
  source: string,
  connect: () => Promise<Client>,
  workflowId?: string,
): Promise<{ workflowId: string; history: History }> {
  if (source.endsWith('.json') && !existsSync(source)) {
    throw new Error(`history file not found: ${source}`);
  }
  if (source.endsWith('.json')) {
    const json = JSON.parse(readFileSync(source, 'utf8'));
    const history = historyFromJSON(json.history ?? json);
    return { workflowId: workflowIdOf(json, history, workflowId), history };
  }
  const client = await connect().catch((error: Error) => {
    throw new Error(
      `cannot reach Temporal (${error.message}); set TEMPORAL_ADDRESS to the server that ran ` +
        `${source}, or pass a HISTORY.json file`,
    );
  });
  const history = await client.workflow
    .getHandle(source)
    .fetchHistory()
    .catch((error: Error) => {
      if (error instanceof WorkflowNotFoundError || /not found/i.test(error.message)) {
        throw new Error(`no workflow '${source}' on that Temporal server (TEMPORAL_ADDRESS)`);
      }
      throw error;
    });
  return { workflowId: source, history };
}

function decode(payloads: Payloads): unknown[] {
  return (payloads?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload));
}

function timeOf(event: HistoryEvent): string {
  const time = event.eventTime;
  if (!time?.seconds) return '';
  const millis = Number(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
  return new Date(millis).toISOString();
}

/** Reads a history into a timeline of signals, activities with inputs and results, timers. */
export function timeline(history: History): TimelineEntry[] {
  const scheduled = new Map<string, { name: string; input: unknown }>();
  const entries: TimelineEntry[] = [];
  for (const event of history.events ?? []) {
    const at = timeOf(event);
    const id = String(event.eventId);
    if (event.workflowExecutionStartedEventAttributes) {
      const attributes = event.workflowExecutionStartedEventAttributes;
      entries.push({
        at,
        kind: 'started',
        name: attributes.workflowType?.name ?? '',
        input: decode(attributes.input)[0],
      });
    } else if (event.workflowExecutionSignaledEventAttributes) {
      const attributes = event.workflowExecutionSignaledEventAttributes;
      entries.push({
        at,
        kind: 'signal',
        name: attributes.signalName ?? '',
        input: decode(attributes.input)[0],
      });
    } else if (event.activityTaskScheduledEventAttributes) {
      const attributes = event.activityTaskScheduledEventAttributes;
      scheduled.set(id, {
        name: attributes.activityType?.name ?? '',
        input: decode(attributes.input)[0],
      });
    } else if (event.activityTaskCompletedEventAttributes) {
      const attributes = event.activityTaskCompletedEventAttributes;
      const activity = scheduled.get(String(attributes.scheduledEventId));
      entries.push({
        at,
        kind: 'activity',
        name: activity?.name ?? '?',
        input: activity?.input,
        result: decode(attributes.result)[0],
      });
    } else if (event.activityTaskFailedEventAttributes) {
      const attributes = event.activityTaskFailedEventAttributes;
      const activity = scheduled.get(String(attributes.scheduledEventId));
      entries.push({
        at,
        kind: 'failed',
        name: activity?.name ?? '?',
        input: activity?.input,
        result: attributes.failure?.message,
      });
    } else if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
      // Local activities leave a marker: its data names the activity, its result is the return
      // value; the input is not recorded.
      const attributes = event.markerRecordedEventAttributes;
      const details = attributes.details ?? {};
      const marker = decode(details.data)[0] as { activity_type?: string } | undefined;
      const name = marker?.activity_type ?? '?';
      if (attributes.failure) {
        entries.push({ at, kind: 'failed', name, result: attributes.failure.message });
      } else {
        entries.push({ at, kind: 'activity', name, result: decode(details.result)[0] });
      }
    } else if (event.timerStartedEventAttributes) {
      const attributes = event.timerStartedEventAttributes;
      const seconds = Number(attributes.startToFireTimeout?.seconds ?? 0);
      entries.push({ at, kind: 'timer', name: `timer started: ${seconds}s` });
    } else if (event.timerFiredEventAttributes) {
      entries.push({ at, kind: 'timer', name: 'timer fired' });
    } else if (event.startChildWorkflowExecutionInitiatedEventAttributes) {
      const attributes = event.startChildWorkflowExecutionInitiatedEventAttributes;
      entries.push({
        at,
        kind: 'child',
        name: `${attributes.workflowType?.name} ${attributes.workflowId}`,
        input: decode(attributes.input)[0],
      });
    } else if (event.workflowExecutionCompletedEventAttributes) {
      entries.push({
        at,
        kind: 'completed',
        name: 'completed',
        result: decode(event.workflowExecutionCompletedEventAttributes.result)[0],
      });
    }
  }
  return entries;
}
