import { createConversationActivities, type ConversationDeps } from './conversation.ts';
import { createDispatchActivities, type DispatchDeps } from './dispatch.ts';
import { createMessagingActivities, type MessagingDeps } from './messaging.ts';

export type ActivityDeps = ConversationDeps & MessagingDeps & DispatchDeps;

/** Every activity the workflows call, bound to the worker's ledger, rules and Vonage client. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createConversationActivities(deps),
    ...createMessagingActivities(deps),
    ...createDispatchActivities(deps),
  };
}
