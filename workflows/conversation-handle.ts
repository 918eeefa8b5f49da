import type { Decision, Urgency } from '../engine/index.ts';
import type { InboundMessage } from './signals.ts';
import type { ConversationState } from './state.ts';

/** Operations the triage, dispatch and booking steps may use inside a running conversation. */
export interface ConversationHandle {
  state: ConversationState;
  /** Highest urgency known before the message being handled. The state has the merged one. */
  previousUrgency: Urgency;
  /**
   * Texts the customer a template; returns false when nothing was sent (opted out, limit). A
   * `variant` such as `address_known` sends `TEMPLATE_address_known` instead when it exists.
   */
  text(
    templateId: string,
    purpose: string,
    vars?: Record<string, unknown>,
    variant?: string,
  ): Promise<boolean>;
  /** Records what the conversation did with the message being handled. */
  note(action: string): void;
}

export type MessageStep = (
  conversation: ConversationHandle,
  decision: Decision,
  message: InboundMessage,
) => Promise<void>;
