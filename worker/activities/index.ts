import { createBookingActivities, type BookingDeps } from './booking.ts';
import { createConversationActivities, type ConversationDeps } from './conversation.ts';
import { createDispatchActivities, type DispatchDeps } from './dispatch.ts';
import { createMessagingActivities, type MessagingDeps } from './messaging.ts';

export type ActivityDeps = ConversationDeps & MessagingDeps & BookingDeps & DispatchDeps;

/** Every activity the workflows call, bound to the worker's ledger, rules and Vonage client. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createConversationActivities(deps),
    ...createBookingActivities(deps),
    ...createMessagingActivities(deps),
    ...createDispatchActivities(deps),
  };
}
