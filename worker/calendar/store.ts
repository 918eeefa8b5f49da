import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { BusyInterval } from './slots.ts';
import type { Booking, BookingRequest, BookingResult, Slot, SlotOffer } from './types.ts';

/**
 * The embedded calendar: offers made, bookings, and the technician time each booking holds.
 * Its tables sit in the ledger's SQLite file but are not append-only. Every change is kept in
 * calendar_events, so a booking's history survives later edits.
 *
 * Two conversations never get the same technician at overlapping times: a booking claims its
 * time as 15-minute blocks under a primary key (business, technician, block), inside one
 * transaction, so the second claim fails as a whole.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS calendar_offers (
  id TEXT PRIMARY KEY,
  business_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  slots TEXT NOT NULL,
  offered_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS calendar_bookings (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  technician_id TEXT NOT NULL,
  technician_name TEXT NOT NULL,
  start TEXT NOT NULL,
  end TEXT NOT NULL,
  busy_until TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  busy_until_ms INTEGER NOT NULL,
  timezone TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT,
  zip TEXT,
  job_type TEXT,
  status TEXT NOT NULL DEFAULT 'booked',
  booked_at TEXT NOT NULL,
  UNIQUE (conversation_id, offer_id)
);
CREATE INDEX IF NOT EXISTS calendar_bookings_by_time ON calendar_bookings (business_id, start_ms);
CREATE TABLE IF NOT EXISTS calendar_blocks (
  business_id TEXT NOT NULL,
  technician_id TEXT NOT NULL,
  block_start TEXT NOT NULL,
  booking_id INTEGER NOT NULL REFERENCES calendar_bookings (id),
  PRIMARY KEY (business_id, technician_id, block_start)
);
CREATE TABLE IF NOT EXISTS calendar_events (
  id INTEGER PRIMARY KEY,
  business_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  booking_id INTEGER,
  action TEXT NOT NULL,
  detail TEXT,
  at TEXT NOT NULL
);
`;

const BLOCK_MINUTES = 15;

interface BookingRow {
  id: number;
  technician_id: string;
  technician_name: string;
  start: string;
  end: string;
  timezone: string;
  address: string | null;
  zip: string | null;
  job_type: string | null;
}

/** Returns the UTC start of every 15-minute block that [start, until) touches. */
export function blocksBetween(start: string, until: string): string[] {
  const blockMs = BLOCK_MINUTES * 60_000;
  const first = Math.floor(DateTime.fromISO(start).toMillis() / blockMs) * blockMs;
  const end = DateTime.fromISO(until).toMillis();
  const blocks: string[] = [];
  for (let at = first; at < end; at += blockMs) blocks.push(new Date(at).toISOString());
  return blocks;
}

function isConstraintError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT')
  );
}

export class Calendar {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /** Booked technician time that overlaps [from, to), travel buffers included. */
  busy(businessId: string, from: Date, to: Date): BusyInterval[] {
    return this.db
      .prepare(
        `SELECT technician_id AS technicianId, start, busy_until AS busyUntil FROM calendar_bookings
        WHERE business_id = ? AND status = 'booked' AND start_ms < ? AND busy_until_ms > ?`,
      )
      .all(businessId, to.getTime(), from.getTime()) as BusyInterval[];
  }

  /** Stores an offer; when the same offer id was stored before (a retry), returns that one. */
  saveOffer(businessId: string, conversationId: string, offer: SlotOffer): SlotOffer {
    const stored = this.offer(offer.id);
    if (stored) return stored;
    this.db
      .prepare(
        `INSERT INTO calendar_offers
          (id, business_id, conversation_id, number, timezone, slots, offered_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        offer.id,
        businessId,
        conversationId,
        offer.number,
        offer.timezone,
        JSON.stringify(offer.slots),
        offer.offeredAt,
      );
    this.event(
      businessId,
      conversationId,
      null,
      'offered',
      offer.slots.map((slot) => slot.start).join(' '),
    );
    return offer;
  }

  /**
   * Counts the open offers of each technician and start time after `now`, keyed
   * "<technician id> <start in ms>". An offer is open while it is its conversation's latest and
   * the conversation has no booking yet. Only the latest 500 offers are read, to bound the cost
   * per offer: offers older than that rarely name times still ahead.
   */
  openOfferCounts(businessId: string, now: Date): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT slots FROM calendar_offers AS o
        WHERE business_id = ?
          AND number = (SELECT MAX(number) FROM calendar_offers
            WHERE conversation_id = o.conversation_id)
          AND NOT EXISTS (SELECT 1 FROM calendar_bookings AS b
            WHERE b.conversation_id = o.conversation_id AND b.status = 'booked')
        ORDER BY rowid DESC LIMIT 500`,
      )
      .all(businessId) as { slots: string }[];
    const counts = new Map<string, number>();
    for (const row of rows) {
      for (const slot of JSON.parse(row.slots) as Slot[]) {
        const start = Date.parse(slot.start);
        if (start <= now.getTime()) continue;
        const key = `${slot.technicianId} ${start}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  }

  offer(id: string): SlotOffer | null {
    const row = this.db
      .prepare(
        `SELECT id, number, timezone, slots, offered_at AS offeredAt
          FROM calendar_offers WHERE id = ?`,
      )
      .get(id) as (Omit<SlotOffer, 'slots'> & { slots: string }) | undefined;
    return row ? { ...row, slots: JSON.parse(row.slots) as Slot[] } : null;
  }

  /**
   * Books a slot in one transaction, or returns `taken` when another booking has claimed any of
   * its time. Repeating the same conversation and offer returns the booking already made.
   */
  book(request: BookingRequest, busyUntil: string, now = new Date()): BookingResult {
    const claim = this.db.transaction((): Booking => {
      const existing = this.bookingOf(request.conversationId, request.offerId);
      if (existing) return existing;
      const id = this.insertBooking(request, busyUntil, now);
      const insertBlock = this.db.prepare(
        `INSERT INTO calendar_blocks (business_id, technician_id, block_start, booking_id)
          VALUES (?, ?, ?, ?)`,
      );
      for (const block of blocksBetween(request.slot.start, busyUntil)) {
        insertBlock.run(request.businessId, request.slot.technicianId, block, id);
      }
      this.event(
        request.businessId,
        request.conversationId,
        id,
        'booked',
        `${request.slot.technicianId} ${request.slot.start}`,
      );
      return this.bookingOf(request.conversationId, request.offerId)!;
    });

    try {
      return { status: 'booked', booking: claim.immediate() };
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      const detail = `${request.slot.technicianId} ${request.slot.start}`;
      this.event(request.businessId, request.conversationId, null, 'taken', detail);
      return { status: 'taken' };
    }
  }

  /** Keeps a note the customer sent after booking (gate code, parking) in the booking's history. */
  addNote(businessId: string, conversationId: string, bookingId: number, note: string): void {
    this.event(businessId, conversationId, bookingId, 'note', note);
  }

  /** Returns every change to the calendar for a conversation, oldest first. */
  history(
    conversationId: string,
  ): { action: string; detail: string | null; bookingId: number | null }[] {
    return this.db
      .prepare(
        `SELECT action, detail, booking_id AS bookingId FROM calendar_events
        WHERE conversation_id = ? ORDER BY id`,
      )
      .all(conversationId) as { action: string; detail: string | null; bookingId: number | null }[];
  }

  private insertBooking(request: BookingRequest, busyUntil: string, now: Date): number {
    const { slot } = request;
    const result = this.db
      .prepare(
        `INSERT INTO calendar_bookings (business_id, conversation_id, offer_id, technician_id,
        technician_name, start, end, busy_until, start_ms, busy_until_ms, timezone, phone,
        address, zip,
        job_type, booked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        request.businessId,
        request.conversationId,
        request.offerId,
        slot.technicianId,
        slot.technicianName,
        slot.start,
        slot.end,
        busyUntil,
        Date.parse(slot.start),
        Date.parse(busyUntil),
        request.timezone,
        request.phone,
        request.address,
        request.zip,
        request.jobType,
        now.toISOString(),
      );
    return Number(result.lastInsertRowid);
  }

  private bookingOf(conversationId: string, offerId: string): Booking | null {
    const row = this.db
      .prepare(
        `SELECT id, technician_id, technician_name, start, end, timezone, address, zip, job_type
        FROM calendar_bookings WHERE conversation_id = ? AND offer_id = ?`,
      )
      .get(conversationId, offerId) as BookingRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      technician: { id: row.technician_id, name: row.technician_name },
      start: row.start,
      end: row.end,
      timezone: row.timezone,
      address: row.address,
      zip: row.zip,
      jobType: row.job_type as Booking['jobType'],
      notes: [],
    };
  }

  private event(
    businessId: string,
    conversationId: string,
    bookingId: number | null,
    action: string,
    detail: string,
  ) {
    this.db
      .prepare(
        `INSERT INTO calendar_events (business_id, conversation_id, booking_id, action, detail, at)
        VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(businessId, conversationId, bookingId, action, detail, new Date().toISOString());
  }
}
