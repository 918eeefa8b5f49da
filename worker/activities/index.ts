import { createConversationActivities, type ConversationDeps } from './conversation.ts';
import { createMessagingActivities, type MessagingDeps } from './messaging.ts';

export type ActivityDeps = ConversationDeps & MessagingDeps;

/** Every activity the workflows call, bound to the worker's ledger, rules and Vonage client. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createConversationActivities(deps),
    ...createMessagingActivities(deps),
  };
}
