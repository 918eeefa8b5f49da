import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import {
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from './activities.ts';
import { DispatchRecord } from './dispatch-record.ts';
import {
  dispatchDetailsSignal,
  dispatchProgressSignal,
  dispatchStateQuery,
  technicianReplySignal,
  type DispatchDetails,
  type DispatchInput,
  type DispatchStep,
  type DispatchSummary,
  type Responder,
  type TechnicianReply,
} from './dispatch-signals.ts';

// Retries are few and quick, so a notice that cannot be sent within about three minutes (five
// attempts of at most 30s, with backoff) is recorded as failed and the chain moves on.
const dispatchActivities = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '10s',
    maximumAttempts: 5,
  },
});
const { notifyTechnician, textTechnician, callTechnician, closeDispatch, recordDispatchHolder } =
  dispatchActivities;

/**
 * One emergency dispatch, started by the conversation. Notifies each responder of the plan's
 * chain in turn (on call, backup, owner), moving on when nobody acknowledges within the
 * acknowledgement timeout. Until `openFor` has passed it takes responders' replies (acknowledge,
 * called the customer) and texts the customer's later details to whoever holds the dispatch.
 * Every change is recorded with its time and sent to the conversation.
 */
export async function dispatchWorkflow(input: DispatchInput): Promise<DispatchSummary> {
  const info = workflowInfo();
  const { plan } = input;
  const record = new DispatchRecord(info.workflowId, input);
  const replies: TechnicianReply[] = [];
  const details: DispatchDetails[] = [];
  const seen = new Set<string>();
  /** Phones that turned the job down or gave it back; later steps skip them. */
  const turnedDown = new Set<string>();
  /** True once every step of the chain had its turn, so nothing more is notified. */
  let walkEnded = false;
  let sequence = 0;
  let conversationGone = false;

  setHandler(dispatchStateQuery, () => record.summary);
  setHandler(technicianReplySignal, (reply) => {
    if (seen.has(reply.messageId)) return;
    seen.add(reply.messageId);
    replies.push(reply);
  });
  setHandler(dispatchDetailsSignal, (update) => {
    if (seen.has(update.messageId)) return;
    seen.add(update.messageId);
    details.push(update);
  });

  // Both durations passed the schema's pattern when the plan was made.
  const ackTimeout = msToNumber(plan.ackTimeout as Duration);
  const closesAt = Date.now() + msToNumber(plan.openFor as Duration);
  const hasMail = () => replies.length > 0 || details.length > 0;

  async function report(): Promise<void> {
    if (!info.parent || conversationGone) return;
    try {
      const conversation = getExternalWorkflowHandle(info.parent.workflowId, info.parent.runId);
      await conversation.signal(dispatchProgressSignal, record.snapshot());
    } catch (error) {
      conversationGone = true;
      log.warn('conversation no longer takes dispatch progress', { error: String(error) });
    }
  }

  function textInput(responder: Responder, templateId: string, detail: string | null = null) {
    return {
      dispatchId: info.workflowId,
      conversationId: input.conversationId,
      responder,
      templateId,
      facts: record.facts(detail),
      key: `${info.workflowId}/${info.runId}/${++sequence}`,
    };
  }

  async function text(responder: Responder, templateId: string, detail: string | null = null) {
    try {
      const result = await textTechnician(textInput(responder, templateId, detail));
      return result.status;
    } catch (error) {
      log.warn('dispatch text failed', { templateId, error: String(error) });
      return 'failed';
    }
  }

  /** Texts one responder, and calls when voice notices are on. Returns whether either went out. */
  async function notify(step: DispatchStep): Promise<boolean> {
    let delivered = false;
    let detail: string;
    try {
      const sms = await notifyTechnician(textInput(step, step.notice));
      delivered = sms.status !== 'suppressed';
      detail = `text ${sms.status}`;
    } catch (error) {
      detail = `text failed: ${String(error)}`;
    }
    record.markNotified(step, delivered, detail);

    if (plan.voiceNotice) {
      try {
        const call = await callTechnician(textInput(step, plan.templates.voice));
        delivered ||= call.status === 'started';
        record.add('voice_call', step, `${call.status}: ${call.detail}`);
      } catch (error) {
        record.add('voice_call', step, `failed: ${String(error)}`);
      }
    }
    await report();
    return delivered;
  }

  async function standDownOthers(): Promise<void> {
    for (const responder of record.takeStandDowns()) {
      const status = await text(responder, plan.templates.taken);
      record.add('stood_down', responder, `text ${status}`);
    }
    await report();
  }

  /**
   * Walks the chain `rounds` times; later rounds send every responder the repeat notice. A
   * responder who turns the notice down moves it on at once. A holder who gives the job back
   * restarts the walk at the responder after the one it was waiting on.
   */
  async function escalate(): Promise<void> {
    const rounds = plan.rounds ?? 1;
    const steps = Array.from({ length: rounds }, (_, round) =>
      plan.chain.map((step) => {
        const notice = round === 0 ? step.notice : (plan.templates.repeat ?? step.notice);
        return { step: { ...step, notice }, round: round + 1 };
      }),
    ).flat();
    const isSkipped = (phone: string) => turnedDown.has(phone);

    let index = 0;
    while (index < steps.length) {
      if (record.acknowledged) {
        const left = closesAt - Date.now();
        if (left <= 0 || !(await condition(() => !record.acknowledged, left))) return;
        index += 1;
        continue;
      }
      const { step, round } = steps[index];
      if (isSkipped(step.phone)) {
        index += 1;
        continue;
      }
      const delivered = await notify(step);
      if (record.acknowledged) {
        await standDownOthers();
        continue;
      }
      const answered = () => record.acknowledged || isSkipped(step.phone);
      if (delivered && (await condition(answered, ackTimeout)) && record.acknowledged) continue;

      const why = isSkipped(step.phone)
        ? `${step.name} turned it down`
        : delivered
          ? `no acknowledgement within ${plan.ackTimeout}`
          : 'notice not delivered';
      const nextIndex = steps.findIndex((later, at) => at > index && !isSkipped(later.step.phone));
      const next = nextIndex >= 0 ? steps[nextIndex] : undefined;
      if (!next) {
        const walked =
          rounds > 1 ? `the chain was walked ${rounds} times` : 'nobody left in the chain';
        record.markUnacknowledged(`${why}; ${walked}`);
      } else if (next.round !== round) {
        record.add('escalated', step, `${why}; round ${next.round}: notifying ${next.step.name}`);
      } else {
        record.add('escalated', step, `${why}; notifying ${next.step.name}`);
      }
      await report();
      index = next ? nextIndex : steps.length;
    }
    walkEnded = true;
    // A job given back while the last responder was being waited on has nobody left.
    if (!record.acknowledged && record.summary.status === 'notifying') {
      record.markUnacknowledged('given back after the last round; nobody notified');
      await report();
    }
  }

  async function recordHolder(phone: string | null): Promise<void> {
    const at = new Date().toISOString();
    try {
      await recordDispatchHolder({ dispatchId: info.workflowId, phone, at });
    } catch (error) {
      log.warn('dispatch holder not recorded', { error: String(error) });
    }
  }

  /** Handles "can't make it": the holder gives the job back, anyone else turns it down. */
  async function onRelease(responder: Responder, words: string): Promise<void> {
    const holder = record.summary.acknowledgedBy;
    if (holder && holder.phone !== responder.phone) {
      record.add('technician_message', responder, words);
      return report();
    }
    turnedDown.add(responder.phone);
    record.noteReply(responder, words);
    if (holder) {
      await recordHolder(null);
      record.release(responder, words);
      // NOTE: a job given back after the last round is not offered again; it shows as such.
      if (walkEnded) record.markUnacknowledged('given back after the last round; nobody notified');
    } else {
      record.add('declined', responder, words);
    }
    await report();
    if (plan.templates.released) await text(responder, plan.templates.released);
  }

  async function onReply(reply: TechnicianReply): Promise<void> {
    // A reply can overtake the end of its own notice activity: the notice is recorded for the
    // router before it is sent, so any step of the chain may already reply.
    const responder =
      record.notifiedResponder(reply.phone) ??
      plan.chain.find((step) => step.phone === reply.phone);
    if (!responder) {
      record.add('technician_message', undefined, reply.text);
      return report();
    }
    if (reply.intent === 'release') return onRelease(responder, reply.text);
    if (reply.intent === 'other') {
      record.noteReply(responder, reply.text);
      await report();
      // Someone who has not taken the job learns that it is still not theirs, and how to take it.
      if (!record.acknowledged && plan.templates.unclear) {
        await text(responder, plan.templates.unclear);
      }
      return;
    }
    const holder = record.summary.acknowledgedBy;
    if (!holder) {
      // Recorded first, so that the router sends the holder's next reply, such as CALLED, here.
      await recordHolder(responder.phone);
      turnedDown.delete(responder.phone);
      record.acknowledge(responder, reply.text);
      await report();
      // Someone who reports the call first needs no "call them, then reply CALLED".
      if (reply.intent !== 'called') await text(responder, plan.templates.acknowledged);
      await standDownOthers();
    } else if (holder.phone !== responder.phone && reply.intent === 'acknowledge') {
      const late = `${reply.text} (already taken by ${holder.name})`;
      record.add('technician_message', responder, late);
      await text(responder, plan.templates.taken);
    }
    if (reply.intent === 'called') record.calledCustomer(responder, reply.text);
    await report();
  }

  async function onDetails(update: DispatchDetails): Promise<void> {
    record.applyDetails(update);
    const holder = record.summary.holder;
    if (!holder) {
      record.add('details_sent', undefined, `kept for the first notice: ${update.text}`);
      return report();
    }
    const status = await text(holder, plan.templates.update, update.text);
    record.add('details_sent', holder, `text ${status}: ${update.text}`);
    await report();
  }

  async function serveMail(): Promise<void> {
    while (Date.now() < closesAt) {
      if (!(await condition(hasMail, closesAt - Date.now()))) return;
      while (hasMail()) {
        const reply = replies.shift();
        if (reply) await onReply(reply);
        const update = details.shift();
        if (update) await onDetails(update);
      }
    }
  }

  const mail = serveMail();
  await escalate();
  await mail;

  await closeDispatch({ dispatchId: info.workflowId, at: new Date().toISOString() });
  record.close();
  await report();
  return record.summary;
}
