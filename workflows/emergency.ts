import type { MessageStep } from './conversation-handle.ts';
import { isMoreUrgent } from './state.ts';

/**
 * Gas smells and active leaks: the safety text once per level of urgency, and the record that
 * the conversation needs a technician dispatched.
 */
export const onEmergency: MessageStep = async (conversation, decision) => {
  const { state } = conversation;
  const alreadyWarned = state.needsDispatch && !isMoreUrgent(decision.urgency, conversation.previousUrgency);
  state.needsDispatch = true;

  if (alreadyWarned) {
    conversation.note(`${decision.urgency}: already warned, dispatch needed`);
    return;
  }
  if (decision.template) await conversation.text(decision.template, 'triage');
  conversation.note(`${decision.urgency}: ${decision.template} text, dispatch needed`);
};

/** A later message while a dispatch is needed, such as the address: kept for the technician. */
export const onDispatchUpdate: MessageStep = async (conversation, decision, message) => {
  if (decision.zip) conversation.state.customer.zip = decision.zip;
  conversation.note('details for the dispatch: recorded');
};
