import type {
  DispatchCustomer,
  DispatchDetails,
  DispatchFacts,
  DispatchInput,
  DispatchSummary,
  DispatchUrgency,
  Responder,
  TimelineEntry,
  TimelineEvent,
  TriedResponder,
} from './dispatch-signals.ts';

/** Builds the summary a dispatch starts with, before anyone is notified. */
export function newDispatchSummary(workflowId: string, input: DispatchInput): DispatchSummary {
  return {
    workflowId,
    revision: 0,
    status: 'notifying',
    urgency: input.urgency,
    afterHours: input.plan.afterHours,
    customerOptedOut: input.customerOptedOut,
    chain: input.plan.chain.map(({ id, name, phone, role }) => ({ id, name, phone, role })),
    holder: null,
    acknowledgedBy: null,
    reportedAt: input.reportedAt,
    notifiedAt: null,
    acknowledgedAt: null,
    calledCustomerAt: null,
    closedAt: null,
    timeline: [],
    warnings: input.plan.warnings,
  };
}

function responderOnly({ id, name, phone, role }: Responder): Responder {
  return { id, name, phone, role };
}

/**
 * The state of one dispatch: the facts its texts are written from, the responders notified,
 * and the timeline. Times are workflow time, so they replay unchanged.
 */
export class DispatchRecord {
  readonly summary: DispatchSummary;
  private readonly customer: DispatchCustomer;
  private urgency: DispatchUrgency;
  private readonly notified: TriedResponder[] = [];
  private readonly stoodDown = new Set<string>();

  constructor(
    workflowId: string,
    private readonly input: DispatchInput,
  ) {
    this.summary = newDispatchSummary(workflowId, input);
    this.customer = { ...input.customer };
    this.urgency = input.urgency;
  }

  get acknowledged(): boolean {
    return this.summary.acknowledgedBy !== null;
  }

  /** Appends a timeline entry stamped with the current workflow time. */
  add(event: TimelineEvent, responder?: Responder, detail?: string): void {
    const entry: TimelineEntry = { at: new Date().toISOString(), event };
    if (responder) entry.responder = responderOnly(responder);
    if (detail) entry.detail = detail;
    this.summary.timeline.push(entry);
    this.summary.revision += 1;
  }

  /**
   * Records a notice attempt. The responder holds the dispatch until someone acknowledges. A
   * responder notified again in a later round moves to the end of the list with the new time.
   */
  markNotified(responder: Responder, delivered: boolean, detail: string): void {
    const at = new Date().toISOString();
    const earlier = this.notified.findIndex((tried) => tried.phone === responder.phone);
    const lastReply = earlier >= 0 ? this.notified[earlier].lastReply : undefined;
    if (earlier >= 0) this.notified.splice(earlier, 1);
    this.notified.push({
      ...responderOnly(responder),
      notifiedAt: at,
      ...(lastReply ? { lastReply } : {}),
    });
    this.summary.notifiedAt ??= at;
    if (!this.acknowledged) this.summary.holder = responderOnly(responder);
    this.add(delivered ? 'notified' : 'notice_failed', responder, detail);
  }

  acknowledge(responder: Responder, words: string): void {
    this.summary.acknowledgedBy = responderOnly(responder);
    this.summary.acknowledgedAt = new Date().toISOString();
    this.summary.holder = responderOnly(responder);
    this.summary.status = 'acknowledged';
    this.add('acknowledged', responder, words);
  }

  /** Keeps a responder's reply that did not take the job, for the notices that follow. */
  noteReply(responder: Responder, words: string): void {
    const tried = this.notified.find((entry) => entry.phone === responder.phone);
    if (tried) tried.lastReply = words;
    this.add('technician_message', responder, words);
  }

  /** Records that the holder gave the job back: nobody holds it until the next acknowledgement. */
  release(responder: Responder, words: string): void {
    this.summary.acknowledgedBy = null;
    this.summary.acknowledgedAt = null;
    this.summary.holder = null;
    this.summary.status = 'notifying';
    this.add('released', responder, words);
  }

  calledCustomer(responder: Responder, words: string): void {
    this.summary.calledCustomerAt ??= new Date().toISOString();
    this.add('called_customer', responder, words);
  }

  markUnacknowledged(detail: string): void {
    if (this.acknowledged) return;
    this.summary.status = 'unacknowledged';
    this.add('unacknowledged', undefined, detail);
  }

  close(): void {
    this.summary.status = 'closed';
    this.summary.closedAt = new Date().toISOString();
    this.add('closed');
  }

  /** Finds the responder notified at a phone; undefined when no notice went to it. */
  notifiedResponder(phone: string): TriedResponder | undefined {
    return this.notified.find((responder) => responder.phone === phone);
  }

  /**
   * Returns the responders notified who neither hold the dispatch nor were told it is taken,
   * and marks them as told.
   */
  takeStandDowns(): Responder[] {
    const holder = this.summary.holder?.phone;
    const pending = this.notified.filter(
      (responder) => responder.phone !== holder && !this.stoodDown.has(responder.phone),
    );
    for (const responder of pending) this.stoodDown.add(responder.phone);
    return pending;
  }

  /** Takes in what the customer added: a newer address or ZIP, more urgency, an opt-out or in. */
  applyDetails(details: DispatchDetails): void {
    if (details.address) this.customer.address = details.address;
    if (details.zip) this.customer.zip = details.zip;
    if (details.urgency === 'gas') this.urgency = 'gas';
    if (details.customerOptedOut !== undefined) {
      this.summary.customerOptedOut = details.customerOptedOut;
    }
    this.summary.urgency = this.urgency;
  }

  /** Builds the facts for the next text, listing everyone notified so far as tried. */
  facts(detail: string | null = null): DispatchFacts {
    return {
      customer: { ...this.customer },
      issue: this.input.issue,
      urgency: this.urgency,
      jobType: this.input.jobType,
      period: this.input.plan.period,
      customerOptedOut: this.summary.customerOptedOut,
      tried: this.notified.map((responder) => ({ ...responder })),
      holder: this.summary.holder,
      detail,
    };
  }

  /** Copies the summary for a signal, so later changes cannot alter it in flight. */
  snapshot(): DispatchSummary {
    return JSON.parse(JSON.stringify(this.summary)) as DispatchSummary;
  }
}
