import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDir } from './settings.ts';

/**
 * The compliance ledger: every call, every message in and out, every opt-out and opt-in, with
 * time and wording. Rows are only ever inserted; triggers reject UPDATE and DELETE, so a
 * message's progress (sending, sent, failed) is a sequence of rows under one idempotency key.
 */
export type MessageStatus = 'received' | 'sending' | 'sent' | 'failed' | 'outbox' | 'suppressed';
export type ConsentAction = 'opt_out' | 'opt_in';

export interface CallRow {
  businessId: string;
  phone: string;
  callId: string;
  status: string;
  source: string;
  at: string;
  voicemailTranscript?: string | null;
}

export interface MessageRow {
  id: number;
  businessId: string;
  phone: string;
  direction: 'in' | 'out';
  text: string;
  purpose: string | null;
  status: MessageStatus;
  providerId: string | null;
  idempotencyKey: string | null;
  conversationId: string | null;
  detail: string | null;
  at: string;
}

export interface ConsentRow {
  businessId: string;
  phone: string;
  action: ConsentAction;
  wording: string;
  at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS calls (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  call_id TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  at TEXT NOT NULL,
  voicemail_transcript TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_by_phone ON calls (business_id, phone);
CREATE UNIQUE INDEX IF NOT EXISTS calls_once ON calls (business_id, call_id);
CREATE TABLE IF NOT EXISTS call_legs (
  id INTEGER PRIMARY KEY,
  conversation_uuid TEXT NOT NULL,
  caller TEXT NOT NULL,
  called TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS call_legs_by_conversation ON call_legs (conversation_uuid);
CREATE TABLE IF NOT EXISTS handoffs (
  source_id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  text TEXT NOT NULL,
  purpose TEXT,
  status TEXT NOT NULL,
  provider_id TEXT,
  idempotency_key TEXT,
  conversation_id TEXT,
  detail TEXT,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_phone ON messages (business_id, phone, id);
CREATE INDEX IF NOT EXISTS messages_by_key ON messages (idempotency_key, id);
CREATE UNIQUE INDEX IF NOT EXISTS inbound_once ON messages (provider_id)
  WHERE direction = 'in' AND provider_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS consent (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  phone TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('opt_out', 'opt_in')),
  wording TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_by_phone ON consent (business_id, phone, id);
CREATE TABLE IF NOT EXISTS delivery_receipts (
  id INTEGER PRIMARY KEY,
  provider_id TEXT NOT NULL,
  status TEXT NOT NULL,
  detail TEXT,
  at TEXT NOT NULL
);
`;

function appendOnlyTriggers(table: string): string {
  return `
CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
  BEGIN SELECT RAISE(ABORT, 'ledger: ${table} is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, 'ledger: ${table} is append-only'); END;`;
}

const MESSAGE_COLUMNS = `id, business_id AS businessId, phone, direction, text, purpose, status,
  provider_id AS providerId, idempotency_key AS idempotencyKey,
  conversation_id AS conversationId, detail, at`;

export class Ledger {
  readonly db: Database.Database;

  constructor(path = join(dataDir(), 'ringback.db')) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    for (const table of [
      'calls',
      'call_legs',
      'handoffs',
      'messages',
      'consent',
      'delivery_receipts',
    ]) {
      this.db.exec(appendOnlyTriggers(table));
    }
  }

  /** Appends a call; returns false when the same call id was already recorded. */
  recordCall(call: CallRow): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO calls (business_id, phone, call_id, status, source, at, voicemail_transcript,
          recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        call.businessId,
        call.phone,
        call.callId,
        call.status,
        call.source,
        call.at,
        call.voicemailTranscript ?? null,
        new Date().toISOString(),
      );
    return result.changes === 1;
  }

  /** Remembers who placed a Vonage call, so events about its forwarded leg find the caller. */
  recordCallLeg(conversationUuid: string, caller: string, called: string, at: string): void {
    this.db
      .prepare('INSERT INTO call_legs (conversation_uuid, caller, called, at) VALUES (?, ?, ?, ?)')
      .run(conversationUuid, caller, called, at);
  }

  callerOf(conversationUuid: string): { caller: string; called: string } | undefined {
    return this.db
      .prepare(
        'SELECT caller, called FROM call_legs WHERE conversation_uuid = ? ORDER BY id LIMIT 1',
      )
      .get(conversationUuid) as { caller: string; called: string } | undefined;
  }

  /** Records that a call or message reached its workflow, so a retried webhook is not resent. */
  recordHandoff(sourceId: string, workflowId: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO handoffs (source_id, workflow_id, at) VALUES (?, ?, ?)')
      .run(sourceId, workflowId, new Date().toISOString());
  }

  wasHandedOff(sourceId: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM handoffs WHERE source_id = ?').get(sourceId));
  }

  calls(businessId: string, phone: string): CallRow[] {
    return this.db
      .prepare(
        `SELECT business_id AS businessId, phone, call_id AS callId, status, source, at,
          voicemail_transcript AS voicemailTranscript FROM calls
          WHERE business_id = ? AND phone = ? ORDER BY id`,
      )
      .all(businessId, phone) as CallRow[];
  }

  /** Appends an inbound message; returns false when its provider id was already recorded. */
  recordInbound(
    message: Omit<
      MessageRow,
      'id' | 'direction' | 'status' | 'purpose' | 'idempotencyKey' | 'detail'
    >,
  ): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO messages (business_id, phone, direction, text, status, provider_id,
          conversation_id, at) VALUES (?, ?, 'in', ?, 'received', ?, ?, ?)`,
      )
      .run(
        message.businessId,
        message.phone,
        message.text,
        message.providerId,
        message.conversationId,
        message.at,
      );
    return result.changes === 1;
  }

  appendOutbound(message: Omit<MessageRow, 'id' | 'direction'>): void {
    this.db
      .prepare(
        `INSERT INTO messages (business_id, phone, direction, text, purpose, status, provider_id,
          idempotency_key, conversation_id, detail, at)
          VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.businessId,
        message.phone,
        message.text,
        message.purpose,
        message.status,
        message.providerId,
        message.idempotencyKey,
        message.conversationId,
        message.detail,
        message.at,
      );
  }

  /** Returns the latest row written under an idempotency key, if any. */
  lastAttempt(idempotencyKey: string): MessageRow | undefined {
    return this.db
      .prepare(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE idempotency_key = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(idempotencyKey) as MessageRow | undefined;
  }

  messages(businessId: string, phone: string): MessageRow[] {
    return this.db
      .prepare(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE business_id = ? AND phone = ? ORDER BY id`,
      )
      .all(businessId, phone) as MessageRow[];
  }

  /** Outbound messages that went to the local outbox (no Vonage credentials), newest last. */
  outbox(afterId = 0, phone?: string): MessageRow[] {
    const byPhone = phone ? 'AND phone = ?' : '';
    const params: unknown[] = phone ? [afterId, phone] : [afterId];
    return this.db
      .prepare(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id > ? AND direction = 'out'
        AND status IN ('outbox', 'sent') ${byPhone} ORDER BY id`,
      )
      .all(...params) as MessageRow[];
  }

  recordConsent(consent: ConsentRow): void {
    this.db
      .prepare(
        'INSERT INTO consent (business_id, phone, action, wording, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(consent.businessId, consent.phone, consent.action, consent.wording, consent.at);
  }

  consentHistory(businessId: string, phone: string): ConsentRow[] {
    return this.db
      .prepare(
        `SELECT business_id AS businessId, phone, action, wording, at FROM consent
          WHERE business_id = ? AND phone = ? ORDER BY id`,
      )
      .all(businessId, phone) as ConsentRow[];
  }

  /** True when the number's latest consent entry is an opt-out. */
  isOptedOut(businessId: string, phone: string): boolean {
    const latest = this.db
      .prepare(
        'SELECT action FROM consent WHERE business_id = ? AND phone = ? ORDER BY id DESC LIMIT 1',
      )
      .get(businessId, phone) as { action: ConsentAction } | undefined;
    return latest?.action === 'opt_out';
  }

  recordDeliveryReceipt(
    providerId: string,
    status: string,
    detail: string | null,
    at: string,
  ): void {
    this.db
      .prepare(
        'INSERT INTO delivery_receipts (provider_id, status, detail, at) VALUES (?, ?, ?, ?)',
      )
      .run(providerId, status, detail, at);
  }

  close(): void {
    this.db.close();
  }
}
