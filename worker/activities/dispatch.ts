import { ApplicationFailure, Context } from '@temporalio/activity';
import { NCCOBuilder, Talk, type Voice } from '@vonage/voice';
import { renderTemplate } from '../../engine/index.ts';
import { formatAddress, parseAddress } from '../address.ts';
import type {
  DispatchFacts,
  DispatchPlan,
  DispatchStep,
  DispatchUrgency,
  Responder,
} from '../../workflows/dispatch-signals.ts';
import { afterHoursFeeText, dispatchSettings, dispatchVars } from '../dispatch-notice.ts';
import {
  ackTimeoutFor,
  DEFAULT_ESCALATION_POLICY,
  escalationPolicy,
  type EscalationPolicy,
} from '../escalation.ts';
import { periodAt } from '../hours.ts';
import { rosterAt } from '../on-call.ts';
import { DispatchNotices } from '../technicians.ts';
import { describeVonageError, toVonageNumber } from '../vonage.ts';
import {
  companyVars,
  createMessagingActivities,
  type MessagingDeps,
  type SendResult,
} from './messaging.ts';

export interface DispatchDeps extends MessagingDeps {
  /** Places voice notices; null or absent without Vonage application credentials. */
  voice?: Voice | null;
}

export interface TechnicianTextInput {
  dispatchId: string;
  conversationId: string;
  responder: Responder;
  templateId: string;
  facts: DispatchFacts;
  /** Unique per intended text; a retried activity with the same key never texts twice. */
  key: string;
}

export interface VoiceNoticeResult {
  status: 'started' | 'skipped' | 'failed';
  detail: string;
}

export function createDispatchActivities(deps: DispatchDeps) {
  const notices = new DispatchNotices(deps.ledger.db);
  const { sendTemplate } = createMessagingActivities(deps);

  function currentPolicy(warnings: string[]): EscalationPolicy {
    try {
      return escalationPolicy(deps.rules.current().bundle.files);
    } catch (error) {
      warnings.push(`${(error as Error).message}\nusing the default escalation policy`);
      return DEFAULT_ESCALATION_POLICY;
    }
  }

  function textTechnician(input: TechnicianTextInput): Promise<SendResult> {
    return sendTemplate({
      conversationId: input.dispatchId,
      phone: input.responder.phone,
      templateId: input.templateId,
      vars: dispatchVars(deps.settings, input.facts),
      purpose: 'dispatch',
      key: input.key,
    });
  }

  return {
    /**
     * Plans a dispatch for an emergency reported at `at`. The chain of rules/escalation.json is
     * filled from the on-call settings, and a responder named twice (an owner who is also a
     * technician) is notified once.
     */
    async planDispatch(input: { urgency: DispatchUrgency; at: string }): Promise<DispatchPlan> {
      const at = new Date(input.at);
      const warnings: string[] = [];
      const policy = currentPolicy(warnings);
      const roster = rosterAt(deps.settings, at, { gas: input.urgency === 'gas' });
      warnings.push(...roster.warnings);

      const chain: DispatchStep[] = [];
      for (const step of policy.chain) {
        const responder = roster.responders[step.role];
        if (!responder) warnings.push(`no ${step.role} responder in the business settings`);
        else if (!chain.some((planned) => planned.phone === responder.phone)) {
          chain.push({ ...responder, notice: step.notice });
        }
      }

      const { period } = periodAt(deps.settings, at);
      const fee = afterHoursFeeText(deps.settings);
      const afterHours = period !== 'open';
      const customerNotice: DispatchPlan['customerNotice'] =
        afterHours && fee
          ? { templateId: policy.templates.customerAfterHours, vars: { afterHoursFee: fee } }
          : { templateId: policy.templates.customerOpenHours, vars: {} };

      for (const warning of warnings) Context.current().log.warn('dispatch plan', { warning });
      return {
        chain,
        ackTimeout: ackTimeoutFor(policy, input.urgency, deps.settings),
        rounds: policy.rounds,
        openFor: policy.openFor,
        voiceNotice: dispatchSettings(deps.settings).voiceNotice ?? false,
        period,
        afterHours,
        templates: {
          voice: policy.templates.voice,
          repeat: policy.templates.repeat,
          unclear: policy.templates.unclear,
          released: policy.templates.released,
          update: policy.templates.update,
          acknowledged: policy.templates.acknowledged,
          taken: policy.templates.taken,
        },
        customerNotice,
        warnings,
      };
    },

    /** Records which dispatch notified the responder's phone, then texts the notice. */
    async notifyTechnician(input: TechnicianTextInput): Promise<SendResult> {
      notices.recordNotice({
        businessId: deps.settings.id,
        dispatchId: input.dispatchId,
        phone: input.responder.phone,
        responderId: input.responder.id,
        role: input.responder.role,
        at: new Date().toISOString(),
      });
      return textTechnician(input);
    },

    /** Texts a responder any other dispatch template: an update, a thank-you, a stand-down. */
    textTechnician,

    /**
     * Calls a responder and reads the voice notice twice. Skipped without Vonage voice
     * credentials or when this key already placed a call. A Vonage rejection (4xx) is reported
     * as failed rather than thrown, because the text notice already went out.
     */
    async callTechnician(input: TechnicianTextInput): Promise<VoiceNoticeResult> {
      if (!deps.voice) return { status: 'skipped', detail: 'no Vonage voice credentials' };
      if (notices.callPlaced(input.key)) {
        return { status: 'skipped', detail: 'call already placed' };
      }

      const { bundle } = deps.rules.current();
      const vars = { ...companyVars(deps.settings), ...dispatchVars(deps.settings, input.facts) };
      const { text } = renderTemplate(bundle, input.templateId, vars);
      const talk = new Talk(text, false, 2, undefined, 'en-US');
      const ncco = new NCCOBuilder().addAction(talk).build();
      try {
        const call = await deps.voice.createOutboundCall({
          to: [{ type: 'phone', number: toVonageNumber(input.responder.phone) }],
          from: { type: 'phone', number: toVonageNumber(deps.fromNumber) },
          ncco,
        } as Parameters<Voice['createOutboundCall']>[0]);
        notices.recordCall(input.key, input.dispatchId, input.responder.phone, call.uuid);
        return { status: 'started', detail: call.uuid };
      } catch (error) {
        const { outcome, detail } = describeVonageError(error);
        if (outcome === 'not_sent') throw ApplicationFailure.retryable(detail, 'VonageUnavailable');
        // A call that timed out may still ring, so it is not placed again.
        return {
          status: 'failed',
          detail: outcome === 'unknown' ? `${detail}; not retried` : detail,
        };
      }
    },

    /** Reads a street address out of a customer's text for the technician, e.g. "45 W Lake St". */
    async readDispatchAddress(input: { text: string; zip: string | null }): Promise<string | null> {
      const address = parseAddress(input.text);
      if (!address) return null;
      return formatAddress({ ...address, zip: address.zip ?? input.zip });
    },

    /**
     * Records who holds a dispatch, so that their later replies, such as CALLED, reach it. A
     * null phone records that the holder gave the job back.
     */
    async recordDispatchHolder(input: { dispatchId: string; phone: string | null; at: string }) {
      notices.recordHolder(input.dispatchId, input.phone, input.at);
    },

    /** Records that a dispatch no longer takes replies, so the router stops sending it any. */
    async closeDispatch(input: { dispatchId: string; at: string }): Promise<void> {
      notices.recordClosure(input.dispatchId, input.at);
    },
  };
}
