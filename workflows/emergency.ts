import {
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Decision } from '../engine/index.ts';
import { activities } from './activities.ts';
import type { ConversationHandle, MessageStep } from './conversation-handle.ts';
import { dispatchWorkflow } from './dispatch.ts';
import { newDispatchSummary } from './dispatch-record.ts';
import {
  dispatchDetailsSignal,
  dispatchProgressSignal,
  type DispatchDetails,
  type DispatchInput,
  type DispatchSummary,
  type DispatchUrgency,
} from './dispatch-signals.ts';
import type { InboundMessage } from './signals.ts';
import { isMoreUrgent, type ConversationState } from './state.ts';

function isOpen(dispatch: DispatchSummary | null): dispatch is DispatchSummary {
  return dispatch !== null && dispatch.status !== 'closed';
}

/**
 * Handles gas smells and active leaks: sends the safety text once per level of urgency, then
 * dispatches. The first emergency starts the dispatch workflow. A more urgent message, or an
 * opt-out sent with the emergency, goes to the dispatch already running.
 */
export const onEmergency: MessageStep = async (conversation, decision, message) => {
  const { state } = conversation;
  const urgency = decision.urgency as DispatchUrgency;
  const moreUrgent = isMoreUrgent(decision.urgency, conversation.previousUrgency);
  const alreadyWarned = state.needsDispatch && !moreUrgent;
  state.needsDispatch = true;
  await readAddress(state, message);
  const warn = async () => {
    if (alreadyWarned || !decision.template) return 'already warned';
    // With the address on file, the text may skip asking for it (an `_address_known` variant).
    const address = state.customer.address;
    const sent = address
      ? await conversation.text(decision.template, 'triage', { address }, 'address_known')
      : await conversation.text(decision.template, 'triage');
    return sent ? `${decision.template} text` : `${decision.template} text not sent`;
  };

  if (isOpen(state.dispatch)) {
    const warned = await warn();
    // NOTE: a leak that turns into a gas smell stays with the responders already planned, who
    // may lack the gas skill. The holder gets a text with the new urgency and can hand it on.
    const update = { urgency: moreUrgent ? urgency : undefined, customerOptedOut: state.optedOut };
    const sent = await sendDetails(state.dispatch.workflowId, state, message, update);
    const outcome = sent ? 'sent to the dispatch' : 'dispatch unreachable';
    conversation.note(`${urgency}: ${warned}, ${outcome}`);
    return;
  }

  // The dispatch starts before any text to the customer, so a number that cannot be texted or
  // a Vonage outage never holds up the technician.
  const plan = await startDispatch(conversation, decision, message);
  const warned = await warn();
  if (!plan) {
    conversation.note(`${urgency}: ${warned}, no dispatch: no technician or owner in the settings`);
    return;
  }
  const { templateId, vars } = plan.customerNotice;
  const told = await conversation.text(templateId, 'dispatch', vars);
  const customer = told ? `customer told: ${templateId}` : 'customer not texted';
  conversation.note(`${urgency}: ${warned}, dispatch started, ${customer}`);
};

/** Plans the dispatch and starts its workflow. Returns null when no responder can be notified. */
async function startDispatch(
  conversation: ConversationHandle,
  decision: Decision,
  message: InboundMessage,
): Promise<DispatchInput['plan'] | null> {
  const { state } = conversation;
  const urgency = decision.urgency as DispatchUrgency;
  const plan = await activities.planDispatch({ urgency, at: message.at });
  if (plan.chain.length === 0) {
    const { warnings } = plan;
    log.error('dispatch not started: no responder in the business settings', { warnings });
    return null;
  }

  const input: DispatchInput = {
    conversationId: state.workflowId,
    customer: { ...state.customer, phone: state.phone },
    issue: message.text,
    urgency,
    jobType: decision.jobType,
    customerOptedOut: state.optedOut,
    reportedAt: message.at,
    plan,
  };
  const workflowId = `${workflowInfo().workflowId}/dispatch/${message.messageId}`;
  setHandler(dispatchProgressSignal, (summary) => {
    const current = state.dispatch;
    if (current?.workflowId !== summary.workflowId || summary.revision <= current.revision) return;
    state.dispatch = summary;
  });
  // Set before the start, so that progress the dispatch reports at once is not ignored.
  const previous = state.dispatch;
  state.dispatch = newDispatchSummary(workflowId, input);
  try {
    // Abandon: a dispatch outlives a conversation that goes quiet, until its own openFor ends.
    await startChild(dispatchWorkflow, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    state.dispatch = previous;
    throw error;
  }
  if (!state.optedOut) state.outcome = 'dispatched';
  return plan;
}

/** Sends a later message, such as the address, on to the open dispatch. */
export const onDispatchUpdate: MessageStep = async (conversation, decision, message) => {
  const { state } = conversation;
  if (decision.zip) state.customer.zip = decision.zip;
  await readAddress(state, message);
  if (!isOpen(state.dispatch)) {
    conversation.note('details recorded; no dispatch open');
    return;
  }
  const extra = { customerOptedOut: state.optedOut };
  const sent = await sendDetails(state.dispatch.workflowId, state, message, extra);
  const outcome = sent ? 'details sent to the dispatch' : 'details recorded; dispatch unreachable';
  conversation.note(outcome);
};

/** Keeps the street address a customer's text gives, for the technician's texts. */
async function readAddress(state: ConversationState, message: InboundMessage): Promise<void> {
  const address = await activities.readDispatchAddress({
    text: message.text,
    zip: state.customer.zip,
  });
  if (address) state.customer.address = address;
}

async function sendDetails(
  dispatchId: string,
  state: ConversationState,
  message: InboundMessage,
  extra: Pick<DispatchDetails, 'urgency' | 'customerOptedOut'>,
): Promise<boolean> {
  const details: DispatchDetails = {
    messageId: message.messageId,
    text: message.text,
    at: message.at,
    address: state.customer.address,
    zip: state.customer.zip,
    ...extra,
  };
  try {
    await getExternalWorkflowHandle(dispatchId).signal(dispatchDetailsSignal, details);
    return true;
  } catch (error) {
    log.warn('dispatch did not take the details', { error: String(error) });
    return false;
  }
}
