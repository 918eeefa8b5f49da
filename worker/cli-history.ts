import { Worker } from '@temporalio/worker';
import type { Command } from 'commander';
import type { ConditionOutcome, Decision } from '../engine/index.ts';
import type { DispatchSummary } from '../workflows/dispatch-signals.ts';
import { loadHistory, timeline, type TimelineEntry } from './history.ts';
import { RulesStore } from './rules-store.ts';
import { logger } from './logger.ts';
import { connectClient, installTemporalLogging, temporalSettings } from './temporal.ts';
import { WORKFLOWS_PATH } from './worker.ts';

const URGENT = new Set(['gas', 'emergency']);

function describeCondition(condition: ConditionOutcome): string {
  const mark = condition.result ? 'yes' : 'no';
  const matched = condition.matched?.length ? ` matched ${JSON.stringify(condition.matched)}` : '';
  const expected = JSON.stringify(condition.expected);
  const shown = expected.length > 60 ? `${expected.slice(0, 57)}...` : expected;
  return `${mark}: ${condition.fact} ${condition.operator} ${shown}${matched}`;
}

/** Lists the rules that fired with every condition, and the triage rules that did not fire. */
function describeDecision(decision: Decision): string[] {
  const lines = [
    `  classified: urgency=${decision.urgency} jobType=${decision.jobType} ` +
      `keyword=${decision.keyword} template=${decision.template} ` +
      `rules=${decision.rulesHash.slice(0, 12)}`,
  ];
  for (const rule of decision.explain ?? []) {
    if (rule.result) {
      lines.push(`    fired ${rule.file} ${rule.name}`);
      for (const condition of rule.conditions) lines.push(`      ${describeCondition(condition)}`);
    } else if (rule.file === 'triage.json') {
      const failed = rule.conditions.find((condition) => !condition.result);
      lines.push(`    not fired ${rule.name}${failed ? ` (${describeCondition(failed)})` : ''}`);
    }
  }
  return lines;
}

/** Describes one history entry; `shown` counts the dispatch timeline entries already printed. */
function describe(entry: TimelineEntry, shown: Map<string, number>): string[] {
  const input = entry.input as Record<string, unknown> | undefined;
  const result = entry.result as Record<string, unknown> | undefined;
  if (entry.kind === 'signal' && entry.name === 'missedCall')
    return [`${entry.at} missed call ${input?.callId}`];
  if (entry.kind === 'signal' && entry.name === 'inboundMessage') {
    return [`${entry.at} customer (${input?.channel}): ${JSON.stringify(input?.text)}`];
  }
  if (entry.kind === 'signal' && entry.name === 'dispatchProgress') {
    return describeProgress(entry.at, input as DispatchSummary | undefined, shown);
  }
  if (entry.kind === 'activity' && entry.name === 'classifyMessage')
    return describeDecision(entry.result as Decision);
  if (entry.kind === 'activity' && entry.name === 'sendTemplate') {
    const template = input?.templateId ? ` ${input.templateId}` : '';
    return [`${entry.at} text${template} (${result?.status}): ${JSON.stringify(result?.text)}`];
  }
  if (entry.kind === 'activity')
    return [`${entry.at} ${entry.name} -> ${JSON.stringify(entry.result)}`];
  if (entry.kind === 'failed') return [`${entry.at} ${entry.name} failed: ${entry.result}`];
  if (entry.kind === 'child') return [`${entry.at} started ${entry.name}`];
  return [`${entry.at} ${entry.name}`];
}

/**
 * Lists the timeline entries a dispatch's progress report adds to the ones already printed, with
 * the dispatch status. A report can carry several entries, such as two stand-downs.
 */
function describeProgress(
  at: string,
  summary: DispatchSummary | undefined,
  shown: Map<string, number>,
): string[] {
  if (!summary) return [`${at} dispatch progress`];
  const from = shown.get(summary.workflowId) ?? 0;
  shown.set(summary.workflowId, Math.max(from, summary.timeline.length));
  return summary.timeline.slice(from).map((item) => {
    const who = item.responder ? ` ${item.responder.name} (${item.responder.role})` : '';
    const detail = item.detail ? `: ${item.detail}` : '';
    return `${at} dispatch ${summary.status}, ${item.event}${who}${detail}`;
  });
}

/** Says whether the conversation needed a dispatch, and which message and rules decided it. */
export function dispatchVerdict(entries: TimelineEntry[]): string {
  if (entries[0]?.name === 'dispatchWorkflow') {
    return 'a dispatch workflow: its notices, escalations and acknowledgements are listed above';
  }
  const decisions = entries
    .filter((entry) => entry.name === 'classifyMessage')
    .map((entry) => entry.result as Decision);
  const urgent = decisions.find((decision) => URGENT.has(decision.urgency));
  const childStarted = entries.some((entry) => entry.kind === 'child');
  if (urgent) {
    return (
      `dispatch needed: a message was classified ${urgent.urgency} by rules [${urgent.rules.join(', ')}]` +
      (childStarted ? '; a dispatch workflow was started' : '; no dispatch workflow was started')
    );
  }
  const most = decisions.map((decision) => decision.urgency).join(', ') || 'no customer messages';
  const optedOut = decisions.some((decision) => decision.keyword === 'STOP');
  const silence = optedOut ? '; the customer opted out, so later texts to them were not sent' : '';
  const verdict = `no dispatch: no message was classified gas or emergency`;
  return `${verdict} (urgencies seen: ${most})${silence}`;
}

export function registerHistoryCommands(program: Command): void {
  const connect = () => connectClient(temporalSettings());

  program
    .command('explain <source>')
    .description('explain a conversation from its history: WORKFLOW_ID or a HISTORY.json file')
    .option('--workflow-id <id>', 'the workflow id of a HISTORY.json file')
    .action(async (source: string, options: { workflowId?: string }) => {
      const { workflowId, history } = await loadHistory(source, connect, options.workflowId);
      const entries = timeline(history);
      console.log(`conversation ${workflowId}`);
      const shown = new Map<string, number>();
      for (const entry of entries) for (const line of describe(entry, shown)) console.log(line);
      console.log(dispatchVerdict(entries));
    });

  program
    .command('replay <source>')
    .description(
      'replay a history against the current workflow code and rules, and report differences',
    )
    .option('--workflow-id <id>', 'the workflow id of a HISTORY.json file')
    .action(async (source: string, options: { workflowId?: string }) => {
      const { workflowId, history } = await loadHistory(source, connect, options.workflowId);
      installTemporalLogging(logger);
      try {
        await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, workflowId);
        console.log(`replay: the current workflow code reproduces ${workflowId}`);
      } catch (error) {
        console.error(
          `replay: the current workflow code diverges from ${workflowId}: ${(error as Error).message}`,
        );
        process.exitCode = 1;
      }
      await compareWithCurrentRules(timeline(history));
    });
}

/** Classifies each recorded customer message again with today's rules and prints what changed. */
async function compareWithCurrentRules(entries: TimelineEntry[]): Promise<void> {
  const { classifier } = new RulesStore().current();
  for (const entry of entries.filter((item) => item.name === 'classifyMessage')) {
    const recorded = entry.result as Decision;
    const input = entry.input as { text: string; afterHours: boolean };
    const now = await classifier.classify(input);
    const changed =
      now.urgency !== recorded.urgency ||
      now.keyword !== recorded.keyword ||
      now.jobType !== recorded.jobType;
    const verdict = changed
      ? `now ${now.urgency}/${now.jobType}/${now.keyword}, was ${recorded.urgency}/${recorded.jobType}/${recorded.keyword}`
      : `unchanged (${now.urgency})`;
    console.log(`rules: ${JSON.stringify(input.text)}: ${verdict}`);
  }
  console.log(dispatchVerdict(entries));
}
