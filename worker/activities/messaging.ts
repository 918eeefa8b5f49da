import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Messages } from '@vonage/messages';
import { renderTemplate } from '../../engine/index.ts';
import { hoursText } from '../hours.ts';
import { countryOf, formatPhone } from '../phone.ts';
import type { Ledger } from '../ledger.ts';
import type { RulesStore } from '../rules-store.ts';
import type { BusinessSettings } from '../settings.ts';
import { describeVonageError, toVonageNumber } from '../vonage.ts';

export interface MessagingDeps {
  settings: BusinessSettings;
  ledger: Ledger;
  rules: RulesStore;
  /** Null when no Vonage credentials are set: messages then go to the local outbox. */
  messages: Messages | null;
  /** The number texts are sent from (VONAGE_NUMBER, else the company phone). */
  fromNumber: string;
}

export interface SendTemplateInput {
  conversationId: string;
  phone: string;
  templateId: string;
  vars?: Record<string, unknown>;
  /** Purpose of the text, kept in the ledger: opening, triage, follow_up or optout_confirmation. */
  purpose: string;
  /** Unique per intended text; a retried activity with the same key never texts twice. */
  key: string;
  /**
   * Suffix of a variant to prefer: `address_known` sends `active_leak_address_known` in place
   * of `active_leak` when templates.json defines it, else the template itself.
   */
  variant?: string;
  /** Only the opt-out confirmation and the HELP reply may go to a number that opted out. */
  allowWhenOptedOut?: boolean;
}

export type SendStatus = 'sent' | 'outbox' | 'suppressed' | 'unknown';

export interface SendResult {
  status: SendStatus;
  /** The template sent, which is a variant's when one was chosen. */
  templateId?: string;
  text: string;
  messageId: string | null;
  segments: number;
}

export function companyVars(settings: BusinessSettings): Record<string, unknown> {
  return {
    company: {
      name: settings.company.name,
      phone: formatPhone(settings.company.phone, countryOf(settings.company.phone)),
      hours: hoursText(settings),
      gasEmergencyLine: settings.company.gasEmergencyLine ?? "your gas company's emergency line",
    },
  };
}

/** Starts the ledger detail of a text that may or may not have reached Vonage. */
const OUTCOME_UNKNOWN = 'outcome unknown';

function previousResult(deps: MessagingDeps, key: string): SendResult | null {
  const previous = deps.ledger.lastAttempt(key);
  if (!previous) return null;
  if (previous.status === 'sending') {
    // The worker stopped while Vonage had the request, so it may have gone out: not resending
    // keeps a retry from texting twice, at the cost of possibly losing this one text.
    deps.ledger.appendOutbound({
      ...previous,
      status: 'failed',
      at: new Date().toISOString(),
      detail: `${OUTCOME_UNKNOWN}: the worker stopped during the request; not resent`,
    });
    return { status: 'unknown', text: previous.text, messageId: null, segments: 0 };
  }
  if (previous.status === 'failed') {
    // A request that timed out may have gone out, so it is never resent (see sendTemplate).
    if (!previous.detail?.startsWith(OUTCOME_UNKNOWN)) return null;
    return { status: 'unknown', text: previous.text, messageId: null, segments: 0 };
  }
  const status = previous.status === 'received' ? 'sent' : (previous.status as SendStatus);
  return { status, text: previous.text, messageId: previous.providerId, segments: 0 };
}

export function createMessagingActivities(deps: MessagingDeps) {
  return {
    /** Renders a template and texts it, after checking the opt-out ledger right before sending. */
    async sendTemplate(input: SendTemplateInput): Promise<SendResult> {
      const previous = previousResult(deps, input.key);
      if (previous) return previous;

      const { bundle } = deps.rules.current();
      const vars = { ...companyVars(deps.settings), ...input.vars };
      const variantId = input.variant ? `${input.templateId}_${input.variant}` : null;
      const templateId =
        variantId && Object.hasOwn(bundle.templates, variantId) ? variantId : input.templateId;
      const rendered = renderTemplate(bundle, templateId, vars);
      const row = {
        businessId: deps.settings.id,
        phone: input.phone,
        text: rendered.text,
        purpose: input.purpose,
        providerId: null,
        idempotencyKey: input.key,
        conversationId: input.conversationId,
        detail: null,
      };
      const at = () => new Date().toISOString();
      const result = (status: SendStatus, messageId: string | null): SendResult => ({
        status,
        templateId,
        text: rendered.text,
        messageId,
        segments: rendered.segments,
      });

      if (!input.allowWhenOptedOut && deps.ledger.isOptedOut(deps.settings.id, input.phone)) {
        deps.ledger.appendOutbound({
          ...row,
          status: 'suppressed',
          at: at(),
          detail: 'number opted out',
        });
        return result('suppressed', null);
      }
      if (!deps.messages) {
        deps.ledger.appendOutbound({ ...row, status: 'outbox', at: at() });
        return result('outbox', null);
      }

      deps.ledger.appendOutbound({ ...row, status: 'sending', at: at() });
      try {
        const { messageUUID } = await deps.messages.send({
          messageType: 'text',
          channel: 'sms',
          to: toVonageNumber(input.phone),
          from: toVonageNumber(deps.fromNumber),
          text: rendered.text,
          clientRef: input.key.slice(0, 100),
        } as Parameters<Messages['send']>[0]);
        deps.ledger.appendOutbound({ ...row, status: 'sent', providerId: messageUUID, at: at() });
        return result('sent', messageUUID);
      } catch (error) {
        const { outcome, status, detail } = describeVonageError(error);
        const attempt = Context.current().info.attempt;
        Context.current().log.warn('sms send failed', { status, outcome, attempt, detail });
        if (outcome === 'unknown') {
          // Vonage may have taken the request before it timed out, and it does not deduplicate
          // on client_ref, so a resend could text the customer twice.
          const unknown = `${OUTCOME_UNKNOWN}: ${detail}; not resent`;
          deps.ledger.appendOutbound({ ...row, status: 'failed', detail: unknown, at: at() });
          return result('unknown', null);
        }
        deps.ledger.appendOutbound({ ...row, status: 'failed', detail, at: at() });
        if (outcome === 'rejected') throw ApplicationFailure.nonRetryable(detail, 'VonageRejected');
        throw ApplicationFailure.retryable(detail, 'VonageUnavailable');
      }
    },
  };
}
