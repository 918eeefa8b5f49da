import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/workflow';
import { conversationWorkflow } from '../workflows/conversation.ts';
import {
  conversationStateQuery,
  inboundMessageSignal,
  missedCallSignal,
  type InboundMessage,
  type MissedCall,
} from '../workflows/signals.ts';
import type { ConversationState } from '../workflows/state.ts';
import { conversationWorkflowId } from './temporal.ts';

/**
 * Starts or joins the conversation with a caller. Signal-with-start makes a second call or a
 * retried webhook join the running conversation instead of starting another.
 */
export class ConversationGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly businessId: string,
  ) {}

  workflowId(phone: string): string {
    return conversationWorkflowId(this.businessId, phone);
  }

  async missedCall(phone: string, call: MissedCall): Promise<string> {
    return this.signalWithStart(phone, missedCallSignal, call);
  }

  async inboundMessage(phone: string, message: InboundMessage): Promise<string> {
    return this.signalWithStart(phone, inboundMessageSignal, message);
  }

  private async signalWithStart<T>(
    phone: string,
    signal: SignalDefinition<[T]>,
    payload: T,
  ): Promise<string> {
    const workflowId = this.workflowId(phone);
    const handle = await this.client.workflow.signalWithStart<typeof conversationWorkflow, [T]>(
      conversationWorkflow,
      {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ businessId: this.businessId, phone }],
        signal,
        signalArgs: [payload],
      },
    );
    return handle.signaledRunId ?? workflowId;
  }

  /** Returns the conversation's state, running or finished, or null when there never was one. */
  async state(phone: string): Promise<ConversationState | null> {
    const handle = this.client.workflow.getHandle(this.workflowId(phone));
    try {
      const [state, description] = await Promise.all([
        handle.query(conversationStateQuery),
        handle.describe(),
      ]);
      // A workflow that failed keeps the state it had; show that it is no longer running.
      const ended = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'];
      if (ended.includes(description.status.name)) return { ...state, status: 'failed' };
      return state;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    }
  }
}
