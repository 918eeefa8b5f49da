/**
 * The facts rules can test. The classifier computes all of them for every message; a rule that
 * names any other fact is reported by the cross-checks.
 */
import type { Lexicon } from './phrases.js';
import { Message } from './message.js';
import { findZip } from './zip.js';

/** Fact names with what each holds, as the editor lists them. */
export const FACTS = {
  message: 'The customer text, normalised; test it with `mentions` or `isExactly`.',
  afterHours: 'True when the message arrived outside business hours.',
  zip: 'The 5-digit ZIP code written in the text, or null.',
  wordCount: 'How many words the message has.',
} as const;

export type FactName = keyof typeof FACTS;

export type Facts = {
  message: Message;
  afterHours: boolean;
  zip: string | null;
  wordCount: number;
};

export function computeFacts(text: string, afterHours: boolean, lexicon: Lexicon): Facts {
  const message = new Message(text, lexicon);
  return { message, afterHours, zip: findZip(text), wordCount: message.words.length };
}
