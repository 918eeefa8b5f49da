import type { Decision } from '../../engine/index.ts';
import { periodAt, type Period } from '../hours.ts';
import type { Ledger } from '../ledger.ts';
import type { RulesStore } from '../rules-store.ts';
import { timerSettings, type BusinessSettings } from '../settings.ts';

export interface ConversationDeps {
  settings: BusinessSettings;
  ledger: Ledger;
  rules: RulesStore;
}

export interface ConversationContext {
  optedOut: boolean;
  period: Period;
  afterHours: boolean;
  localTime: string;
  holiday: string | null;
  timers: { replyWindow: string; followUp: string | null; techAck: string };
  companyName: string;
}

export interface ConsentChange {
  phone: string;
  wording: string;
  at: string;
}

export function createConversationActivities(deps: ConversationDeps) {
  const businessId = deps.settings.id;

  return {
    /** Reads what the conversation needs at a moment: opt-out status, open hours, timers. */
    async conversationContext(input: { phone: string; at: string }): Promise<ConversationContext> {
      const { period, localTime, holiday } = periodAt(deps.settings, new Date(input.at));
      return {
        optedOut: deps.ledger.isOptedOut(businessId, input.phone),
        period,
        afterHours: period !== 'open',
        localTime,
        holiday,
        timers: timerSettings(deps.settings),
        companyName: deps.settings.company.name,
      };
    },

    /** Classifies a customer's text with the current rule sets; the result carries their hash. */
    async classifyMessage(input: { text: string; afterHours: boolean }): Promise<Decision> {
      const { classifier } = deps.rules.current();
      return classifier.classify({ text: input.text, afterHours: input.afterHours });
    },

    /** Writes an opt-out to the ledger; returns whether the number was already opted out. */
    async recordOptOut(change: ConsentChange): Promise<{ alreadyOptedOut: boolean }> {
      const alreadyOptedOut = deps.ledger.isOptedOut(businessId, change.phone);
      deps.ledger.recordConsent({ businessId, action: 'opt_out', ...change });
      return { alreadyOptedOut };
    },

    /** Writes an opt-in (START, UNSTOP) to the ledger; returns whether the number was opted out. */
    async recordOptIn(change: ConsentChange): Promise<{ wasOptedOut: boolean }> {
      const wasOptedOut = deps.ledger.isOptedOut(businessId, change.phone);
      deps.ledger.recordConsent({ businessId, action: 'opt_in', ...change });
      return { wasOptedOut };
    },
  };
}
