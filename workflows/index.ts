export { conversationWorkflow } from './conversation.ts';
export { dispatchWorkflow } from './dispatch.ts';
