import type { MessageStep } from './conversation-handle.ts';
import { jobLabel } from './job-labels.ts';

/** Sewer backups and routine work: the branch's text naming the job. */
export const onJobRequest: MessageStep = async (conversation, decision) => {
  if (!decision.template) return;
  await conversation.text(decision.template, 'triage', { jobLabel: jobLabel(decision.jobType) });
  conversation.note(`${decision.urgency}: ${decision.template} text`);
};

/** A reply that names no plumbing problem: ask for one, unless one is already known. */
export const onOtherReply: MessageStep = async (conversation) => {
  if (conversation.state.classification && conversation.state.classification.urgency !== 'none') {
    conversation.note('no new problem stated: recorded');
    return;
  }
  await conversation.text('ask_details', 'triage');
  conversation.note('no problem stated: asked for details');
};
