import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import {
  technicianReplySignal,
  type TechnicianIntent,
  type TechnicianReply,
} from '../workflows/dispatch-signals.ts';
import {
  DEFAULT_ESCALATION_POLICY,
  escalationPolicy,
  readTechnicianReply,
  type EscalationPolicy,
} from './escalation.ts';
import { HandoffError } from './http/handoff.ts';
import type { InboundRouter } from './http/vonage-messages.ts';
import type { Ledger } from './ledger.ts';
import type { RulesStore } from './rules-store.ts';
import type { BusinessSettings } from './settings.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dispatch_notices (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  dispatch_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  responder_id TEXT NOT NULL,
  role TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (dispatch_id, phone)
);
CREATE INDEX IF NOT EXISTS dispatch_notices_by_phone ON dispatch_notices (business_id, phone, id);
CREATE TABLE IF NOT EXISTS dispatch_holders (
  dispatch_id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dispatch_closures (
  dispatch_id TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dispatch_voice_calls (
  idempotency_key TEXT PRIMARY KEY,
  dispatch_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  call_uuid TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

export interface DispatchNotice {
  businessId: string;
  dispatchId: string;
  phone: string;
  responderId: string;
  role: string;
  at: string;
}

/**
 * Records of the phones each dispatch notified, kept in the ledger's SQLite file. The HTTP
 * server reads them to find the dispatch of a technician's reply, across restarts of either
 * process.
 */
export class DispatchNotices {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /**
   * Records a notice before it is sent, so an instant reply already finds its dispatch. A repeat
   * notice in a later round moves the dispatch to the front of the phone's list.
   */
  recordNotice(notice: DispatchNotice): void {
    this.db
      .prepare(
        `INSERT INTO dispatch_notices
          (business_id, dispatch_id, phone, responder_id, role, at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (dispatch_id, phone) DO UPDATE SET at = excluded.at`,
      )
      .run(
        notice.businessId,
        notice.dispatchId,
        notice.phone,
        notice.responderId,
        notice.role,
        notice.at,
      );
  }

  /** Records who acknowledged a dispatch, or with a null phone that nobody holds it now. */
  recordHolder(dispatchId: string, phone: string | null, at: string): void {
    if (phone === null) {
      this.db.prepare('DELETE FROM dispatch_holders WHERE dispatch_id = ?').run(dispatchId);
      return;
    }
    this.db
      .prepare('INSERT OR REPLACE INTO dispatch_holders (dispatch_id, phone, at) VALUES (?, ?, ?)')
      .run(dispatchId, phone, at);
  }

  recordClosure(dispatchId: string, at: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO dispatch_closures (dispatch_id, at) VALUES (?, ?)')
      .run(dispatchId, at);
  }

  /** Records a voice notice Vonage accepted, so a retried activity does not call again. */
  recordCall(key: string, dispatchId: string, phone: string, callUuid: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO dispatch_voice_calls
          (idempotency_key, dispatch_id, phone, call_uuid, at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(key, dispatchId, phone, callUuid, new Date().toISOString());
  }

  callPlaced(key: string): boolean {
    const query = 'SELECT 1 FROM dispatch_voice_calls WHERE idempotency_key = ?';
    return this.db.prepare(query).get(key) !== undefined;
  }

  /**
   * True when a Vonage call leg (the `uuid` of a voice event) is a voice notice to a responder,
   * so that its events are not read as a customer's missed call.
   */
  isVoiceNotice(callUuid: string): boolean {
    const query = 'SELECT 1 FROM dispatch_voice_calls WHERE call_uuid = ?';
    return this.db.prepare(query).get(callUuid) !== undefined;
  }

  /** Lists the open dispatches notified to a phone, most recent first, with their holders. */
  openDispatchesFor(businessId: string, phone: string): OpenDispatch[] {
    return this.db
      .prepare(
        `SELECT n.dispatch_id AS dispatchId, h.phone AS holderPhone FROM dispatch_notices n
          LEFT JOIN dispatch_holders h ON h.dispatch_id = n.dispatch_id
          WHERE n.business_id = ? AND n.phone = ?
            AND NOT EXISTS (SELECT 1 FROM dispatch_closures c WHERE c.dispatch_id = n.dispatch_id)
          ORDER BY n.at DESC, n.id DESC`,
      )
      .all(businessId, phone) as OpenDispatch[];
  }
}

/** An open dispatch notified to a phone, and the phone that acknowledged it, if any. */
export interface OpenDispatch {
  dispatchId: string;
  holderPhone: string | null;
}

/** Returns the customer E.164 of a dispatch id such as `ringback/BUSINESS/PHONE/dispatch/…`. */
function customerOf(dispatchId: string): string {
  return dispatchId.split('/')[2] ?? '';
}

/**
 * Chooses which open dispatch a responder's reply is for, among those notified to the phone
 * (most recent first):
 * - a reply naming the last four or more digits of one dispatch's customer goes to it;
 * - `called` and `release` go to the dispatch the phone holds;
 * - `acknowledge` and other replies go to one nobody holds yet, else to one the phone holds.
 * Otherwise the most recent one.
 */
export function chooseDispatch(
  open: OpenDispatch[],
  phone: string,
  text: string,
  intent: TechnicianIntent,
): string | null {
  if (open.length === 0) return null;
  // Digits count only for jobs this phone may still act on, so a street number such as
  // "1234 W Elm" cannot send the reply to a job someone else holds.
  const digitRuns = text.match(/\d{4,}/g) ?? [];
  const named = open.filter(
    ({ dispatchId, holderPhone }) =>
      (holderPhone === null || holderPhone === phone) &&
      digitRuns.some((digits) => customerOf(dispatchId).endsWith(digits)),
  );
  if (named.length === 1) return named[0].dispatchId;
  const candidates = named.length > 1 ? named : open;

  const held = candidates.find((dispatch) => dispatch.holderPhone === phone);
  const free = candidates.find((dispatch) => dispatch.holderPhone === null);
  const aboutHeldJob = intent === 'called' || intent === 'release';
  const preferred = aboutHeldJob ? (held ?? free) : (free ?? held);
  return (preferred ?? candidates[0]).dispatchId;
}

/** Phone numbers of everyone a dispatch may notify: the technicians and the owner. */
export function staffPhones(settings: BusinessSettings): Set<string> {
  const phones = (settings.technicians ?? []).map((technician) => technician.phone);
  if (settings.onCall?.owner) phones.push(settings.onCall.owner.phone);
  return new Set(phones);
}

/** True for the business's own lines, its technicians and its owner. */
export function isStaffPhone(settings: BusinessSettings, phone: string): boolean {
  const businessLines = [settings.company.phone, settings.voice?.officePhone];
  return businessLines.includes(phone) || staffPhones(settings).has(phone);
}

export interface TechnicianRouterDeps {
  client: Client;
  settings: BusinessSettings;
  ledger: Ledger;
  rules: RulesStore;
  logger: Logger;
}

/**
 * Builds the inbound-text hook that keeps staff texts out of customer conversations. A text
 * from a technician's or the owner's phone is recorded in the ledger and signalled to the open
 * dispatch it is for (see chooseDispatch). With no open dispatch it is only recorded. Throws a
 * HandoffError when Temporal is unreachable, so the webhook responds 503 and Vonage retries.
 */
export function createTechnicianRouter(deps: TechnicianRouterDeps): InboundRouter {
  const notices = new DispatchNotices(deps.ledger.db);
  const log = deps.logger.child({ component: 'technicians' });

  function currentPolicy(): EscalationPolicy {
    try {
      return escalationPolicy(deps.rules.current().bundle.files);
    } catch (error) {
      log.error({ err: error }, 'escalation policy invalid: reading replies with the defaults');
      return DEFAULT_ESCALATION_POLICY;
    }
  }

  /**
   * Honours STOP and START from a staff phone like a customer's: a staff phone that opted out
   * gets no notices, so the chain moves past it. Returns the keyword, or null for other texts.
   */
  async function recordStaffConsent(phone: string, text: string, at: string) {
    const { keyword } = await deps.rules.current().classifier.classify({ text, afterHours: false });
    if (keyword !== 'STOP' && keyword !== 'START') return null;
    const action = keyword === 'STOP' ? 'opt_out' : 'opt_in';
    deps.ledger.recordConsent({ businessId: deps.settings.id, phone, action, wording: text, at });
    log.warn(
      { phone, action },
      'staff phone changed its consent to texts, dispatch notices included',
    );
    return keyword;
  }

  return async (phone, text, messageId, at) => {
    if (!staffPhones(deps.settings).has(phone)) return false;

    const businessId = deps.settings.id;
    const keyword = await recordStaffConsent(phone, text, at);
    if (keyword === 'START') {
      deps.ledger.recordInbound({
        businessId,
        phone,
        text,
        providerId: messageId,
        conversationId: null,
        at,
      });
      return true;
    }
    // STOP turns down the newest job nobody holds, so that the chain moves on at once, as after
    // "can't make it". A job the phone already holds stays with it.
    const intent = keyword === 'STOP' ? 'release' : readTechnicianReply(text, currentPolicy());
    const open = notices.openDispatchesFor(businessId, phone);
    const dispatchId =
      keyword === 'STOP'
        ? (open.find((dispatch) => dispatch.holderPhone === null)?.dispatchId ?? null)
        : chooseDispatch(open, phone, text, intent);
    deps.ledger.recordInbound({
      businessId,
      phone,
      text,
      providerId: messageId,
      conversationId: dispatchId,
      at,
    });
    if (!dispatchId) {
      log.info({ phone, messageId }, 'staff text with no open dispatch: recorded only');
      return true;
    }
    const sourceId = `message:${messageId}`;
    if (deps.ledger.wasHandedOff(sourceId)) return true;

    const reply: TechnicianReply = { messageId, phone, text, at, intent };
    try {
      await deps.client.workflow.getHandle(dispatchId).signal(technicianReplySignal, reply);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) {
        log.error({ err: error, workflowId: dispatchId }, 'technician reply not delivered');
        throw new HandoffError('dispatch service unavailable; the reply is recorded, retry later');
      }
      notices.recordClosure(dispatchId, new Date().toISOString());
      log.warn({ phone, workflowId: dispatchId }, 'technician reply for a finished dispatch');
      return true;
    }
    deps.ledger.recordHandoff(sourceId, dispatchId);
    log.info({ phone, workflowId: dispatchId, intent }, 'technician reply');
    return true;
  };
}
