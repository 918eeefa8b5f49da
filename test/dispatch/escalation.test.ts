import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationWorkflowId } from '../../worker/temporal.ts';
import {
  ANA,
  BEN,
  CAL,
  DispatchTestBed,
  eventsOf,
  FRIDAY_MORNING,
  FRIDAY_NIGHT,
  OWNER,
  secondsBetween,
  TUESDAY_BEN_ON_CALL,
} from './test-bed.ts';

const bed = new DispatchTestBed();
let customerNumber = 0;

beforeAll(async () => {
  await bed.start();
});

afterAll(async () => {
  await bed.stop();
});

function newCustomer(): string {
  customerNumber += 1;
  return `+1312555${String(2000 + customerNumber).padStart(4, '0')}`;
}

/** Texts to a responder about one customer: earlier tests' dispatches keep running. */
function noticesAbout(responder: string, customer: string): string[] {
  return bed.standIn.textsTo(responder).filter((text) => text.includes(customer));
}

/** Gives the worker time to act on a fired timer before a check that nothing was sent. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

async function waitForNotice(responder: string, customer: string, count = 1): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  while (noticesAbout(responder, customer).length < count) {
    if (Date.now() > deadline) {
      throw new Error(`no text #${count} to ${responder} about ${customer}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return noticesAbout(responder, customer);
}

interface Scenario {
  name: string;
  words: string;
  at: string;
  onCall: string;
  backup: string;
  /** Phrases the first notice must contain. */
  marks: string[];
}

const scenarios: Scenario[] = [
  {
    name: 'flooding basement',
    words: 'My basement is flooding, pipe burst',
    at: FRIDAY_MORNING,
    onCall: ANA,
    backup: BEN,
    marks: ['EMERGENCY DISPATCH', 'Urgency: Emergency (Pipe Repair)', 'During open hours'],
  },
  {
    name: 'water heater burst at night',
    words: 'My water heater burst, water everywhere',
    at: FRIDAY_NIGHT,
    onCall: ANA,
    backup: BEN,
    marks: ['EMERGENCY DISPATCH', 'Urgency: Emergency (Water Heater)', 'After hours'],
  },
  {
    // Ben is on call but has no gas skill: Ana takes gas, and Cal is the gas-qualified backup.
    name: 'gas smell',
    words: 'I smell gas',
    at: TUESDAY_BEN_ON_CALL,
    onCall: ANA,
    backup: CAL,
    marks: ['GAS EMERGENCY DISPATCH', 'Urgency: GAS LINE - highest priority'],
  },
];

describe.each(scenarios)('dispatch for a $name', (scenario) => {
  it('notifies the on-call technician with the facts of the job', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, scenario.words, scenario.at);
    const [notice] = await waitForNotice(scenario.onCall, customer);

    for (const mark of scenario.marks) expect(notice).toContain(mark);
    expect(notice).toContain(`Phone: ${customer}`);
    expect(notice).toContain(`Issue: "${scenario.words}"`);
    expect(notice).toContain('Address: not given yet');
    expect(notice).toContain('Call the customer within 10 minutes.');
    expect(notice).toContain('Reply OK');
    expect(notice).not.toContain('Reply STOP');
    expect(noticesAbout(BEN === scenario.onCall ? CAL : BEN, customer)).toEqual([]);

    const summary = await bed.waitForEvent(customer, 'notified');
    expect(summary.status).toBe('notifying');
    expect(summary.holder?.phone).toBe(scenario.onCall);
    expect(summary.chain.map((responder) => responder.phone)).toEqual([
      scenario.onCall,
      scenario.backup,
      OWNER,
    ]);
  });

  it('escalates to the backup at 15:00 and the owner at 30:00', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, scenario.words, scenario.at);
    await waitForNotice(scenario.onCall, customer);

    await bed.env.sleep('890s');
    await settle();
    expect(noticesAbout(scenario.backup, customer)).toEqual([]);
    await bed.env.sleep('15s');
    const [backupNotice] = await waitForNotice(scenario.backup, customer);
    expect(backupNotice).toContain('(ESCALATED)');
    const onCallTried = /No answer from: \S+ \S+ \(on call, notified \d{1,2}:\d\d [AP]M\)/;
    expect(backupNotice).toMatch(onCallTried);
    for (const mark of scenario.marks) expect(backupNotice).toContain(mark);

    await bed.env.sleep('890s');
    await settle();
    expect(noticesAbout(OWNER, customer)).toEqual([]);
    await bed.env.sleep('15s');
    const [ownerNotice] = await waitForNotice(OWNER, customer);
    expect(ownerNotice).toMatch(/No answer from: .*\(on call, .*; .*\(backup, notified/);

    // rules/escalation.json walks the chain twice: the on-call technician is notified again.
    await bed.env.sleep('15m');
    const [, secondNotice] = await waitForNotice(scenario.onCall, customer, 2);
    expect(secondNotice).toContain('(ESCALATED)');
    expect(secondNotice).toMatch(/No answer from: .*\(on call, .*; .*\(backup, .*; .*\(owner, /);

    await bed.env.sleep('30m');
    await waitForNotice(OWNER, customer, 2);
    await bed.env.sleep('15m');
    const summary = await bed.waitForEvent(customer, 'unacknowledged');
    const notified = eventsOf(summary, 'notified');
    const chain = [scenario.onCall, scenario.backup, OWNER];
    expect(notified.map((entry) => entry.responder?.phone)).toEqual([...chain, ...chain]);
    const backupAfter = secondsBetween(notified[0].at, notified[1].at);
    const ownerAfter = secondsBetween(notified[0].at, notified[2].at);
    const secondRoundAfter = secondsBetween(notified[0].at, notified[3].at);
    expect(backupAfter).toBeGreaterThanOrEqual(900);
    expect(backupAfter).toBeLessThan(910);
    expect(ownerAfter).toBeGreaterThanOrEqual(1800);
    expect(ownerAfter).toBeLessThan(1820);
    expect(secondRoundAfter).toBeGreaterThanOrEqual(2700);
    expect(secondRoundAfter).toBeLessThan(2730);
    const escalated = eventsOf(summary, 'escalated');
    expect(escalated).toHaveLength(5);
    expect(escalated[2].detail).toContain('round 2');
    expect(summary.status).toBe('unacknowledged');
    expect(summary.acknowledgedBy).toBeNull();
  });

  it('notifies nobody else after the technician replies ok', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, scenario.words, scenario.at);
    await waitForNotice(scenario.onCall, customer);

    await bed.env.sleep('5m');
    expect(await bed.text(scenario.onCall, 'ok', scenario.at)).toEqual({ routed: 'technician' });
    const [, thanks] = await waitForNotice(scenario.onCall, customer, 2);
    expect(thanks).toContain('the emergency is yours');

    await bed.env.sleep('45m');
    await settle();
    expect(noticesAbout(scenario.backup, customer)).toEqual([]);
    expect(noticesAbout(OWNER, customer)).toEqual([]);

    const summary = await bed.dispatch(customer);
    expect(summary.status).toBe('acknowledged');
    expect(summary.acknowledgedBy?.phone).toBe(scenario.onCall);
    const acknowledgedAfter = secondsBetween(summary.notifiedAt!, summary.acknowledgedAt!);
    expect(acknowledgedAfter).toBeGreaterThanOrEqual(300);
    expect(eventsOf(summary, 'escalated')).toEqual([]);
  });
});

describe('dispatch replies and details', () => {
  it('keeps technician texts out of customer conversations', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(ANA, 'on it', FRIDAY_MORNING);
    await bed.waitForEvent(customer, 'acknowledged');

    const technicianConversation = bed.env.client.workflow.getHandle(
      conversationWorkflowId(bed.deps.settings.id, ANA),
    );
    await expect(technicianConversation.describe()).rejects.toThrow(WorkflowNotFoundError);
    const { transcript } = await bed.conversation(customer);
    expect(transcript.map((entry) => entry.text)).not.toContain('on it');
  });

  it('records when the technician reports calling the customer', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.env.sleep('2m');
    await bed.text(ANA, 'ok', FRIDAY_MORNING);
    await bed.waitForEvent(customer, 'acknowledged');
    await bed.text(ANA, 'Called them, heading over', FRIDAY_MORNING);

    const summary = await bed.waitForEvent(customer, 'called_customer');
    expect(summary.acknowledgedBy?.phone).toBe(ANA);
    expect(summary.calledCustomerAt).not.toBeNull();
    expect(eventsOf(summary, 'called_customer')[0].detail).toBe('Called them, heading over');
  });

  it('texts the address sent later to whoever holds the dispatch', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.env.sleep('16m');
    await waitForNotice(BEN, customer);

    await bed.text(customer, "It's 1420 W Fullerton Ave, Chicago 60614", FRIDAY_MORNING);
    const [, update] = await waitForNotice(BEN, customer, 2);
    expect(update).toContain('1420 W Fullerton Ave, Chicago 60614');
    expect(noticesAbout(ANA, customer)).toHaveLength(1);
    const summary = await bed.waitForEvent(customer, 'details_sent');
    expect(eventsOf(summary, 'details_sent')[0].responder?.phone).toBe(BEN);

    await bed.env.sleep('15m');
    const [ownerNotice] = await waitForNotice(OWNER, customer);
    expect(ownerNotice).toContain('Address: 1420 W Fullerton Ave, Chicago, 60614');
  });

  it('puts an address in the first text into the notice', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'Pipe burst at 45 W Lake St, water everywhere', FRIDAY_MORNING);
    const [notice] = await waitForNotice(ANA, customer);
    expect(notice).toContain('Address: 45 W Lake St');

    const texts = await bed.standIn.waitForMessages(3, customer);
    const safety = texts.map((text) => text.text).find((text) => text.includes('main water valve'));
    expect(safety).toContain('until the technician arrives at 45 W Lake St');
    expect(safety).not.toContain("What's the address?");
  });

  it('tells the holder when a leak turns into a gas smell', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);

    await bed.text(customer, 'I smell gas now too', FRIDAY_MORNING);
    const [, update] = await waitForNotice(ANA, customer, 2);
    expect(update).toContain('I smell gas now too');
    expect(update).toContain('Urgency: GAS LINE - highest priority');
    const summary = await bed.waitForEvent(customer, 'details_sent');
    expect(summary.urgency).toBe('gas');
    const texts = bed.standIn.textsTo(customer);
    const safetyTexts = texts.filter((text) => text.includes('leave the building'));
    expect(safetyTexts).toHaveLength(1);
  });

  it('tells the other responders once one has taken the job', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.env.sleep('16m');
    await waitForNotice(BEN, customer);

    // Other tests' dispatches re-notify Ana meanwhile, so the reply names its customer.
    await bed.text(ANA, `yes ${customer.slice(-4)}`, FRIDAY_MORNING);
    const [, standDown] = await waitForNotice(BEN, customer, 2);
    expect(standDown).toContain('Ana Ortiz has taken the emergency');
    const summary = await bed.waitForEvent(customer, 'stood_down');
    expect(summary.acknowledgedBy?.phone).toBe(ANA);
    expect(eventsOf(summary, 'stood_down').map((entry) => entry.responder?.phone)).toEqual([BEN]);
  });

  it('shows the dispatch timeline in the conversation API', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(ANA, 'ok', FRIDAY_MORNING);
    const latest = await bed.waitForEvent(customer, 'acknowledged');

    const deadline = Date.now() + 15_000;
    let shown = (await bed.conversation(customer)).dispatch;
    while (shown?.revision !== latest.revision && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      shown = (await bed.conversation(customer)).dispatch;
    }
    expect(shown?.status).toBe('acknowledged');
    const events = latest.timeline.map((entry) => entry.event);
    expect(shown?.timeline.map((entry) => entry.event)).toEqual(events);
    expect(shown?.timeline.map((entry) => entry.event)).toContain('acknowledged');
  });
});

describe('replies from a technician with several dispatches', () => {
  it('routes CALLED to the job the technician holds', async () => {
    const first = newCustomer();
    await bed.emergency(first, 'Pipe burst in the basement, water everywhere', FRIDAY_MORNING);
    await waitForNotice(ANA, first);
    await bed.text(ANA, 'ok', FRIDAY_MORNING);
    await bed.waitForEvent(first, 'acknowledged');

    const second = newCustomer();
    await bed.emergency(second, 'Water heater burst, water everywhere', FRIDAY_MORNING);
    await waitForNotice(ANA, second);
    await bed.text(ANA, 'called', FRIDAY_MORNING);
    const held = await bed.waitForEvent(first, 'called_customer');

    expect(held.calledCustomerAt).not.toBeNull();
    const newer = await bed.dispatch(second);
    expect(newer.acknowledgedBy).toBeNull();
    expect(eventsOf(newer, 'called_customer')).toEqual([]);

    await bed.text(ANA, 'yes', FRIDAY_MORNING);
    const taken = await bed.waitForEvent(second, 'acknowledged');
    expect(taken.acknowledgedBy?.phone).toBe(ANA);
  });

  it('routes a reply naming the customer to that job', async () => {
    const first = newCustomer();
    await bed.emergency(first, 'Basement is flooding', FRIDAY_MORNING);
    await waitForNotice(ANA, first);
    const second = newCustomer();
    await bed.emergency(second, 'Pipe burst under the sink, spraying', FRIDAY_MORNING);
    await waitForNotice(ANA, second);

    await bed.text(ANA, `ok ${first.slice(-4)}`, FRIDAY_MORNING);
    const named = await bed.waitForEvent(first, 'acknowledged');

    expect(named.acknowledgedBy?.phone).toBe(ANA);
    expect((await bed.dispatch(second)).acknowledgedBy).toBeNull();
  });

  it('passes on a reply that does not take the job', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(ANA, "ok but I can't get there for 2 hours", FRIDAY_MORNING);
    const [, unclear] = await waitForNotice(ANA, customer, 2);
    expect(unclear).toContain('Reply OK to take it');

    await bed.env.sleep('15m');
    const [backupNotice] = await waitForNotice(BEN, customer);
    expect(backupNotice).toContain(`replied "ok but I can't get there for 2 hours"`);
    expect((await bed.dispatch(customer)).acknowledgedBy).toBeNull();
  });

  it('gives the address to a technician who takes the job late', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.env.sleep('15m');
    await waitForNotice(BEN, customer);
    await bed.text(customer, '123 Oak St, Chicago IL 60601', FRIDAY_MORNING);
    await waitForNotice(BEN, customer, 2);

    await bed.text(ANA, `on it ${customer.slice(-4)}`, FRIDAY_MORNING);
    const [, thanks] = await waitForNotice(ANA, customer, 2);
    expect(thanks).toContain('the emergency is yours');
    expect(thanks).toContain('Address: 123 Oak St');
  });

  it('offers the job on when the holder gives it back', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'Pipe burst in the kitchen, water everywhere', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(ANA, 'ok', FRIDAY_MORNING);
    await bed.waitForEvent(customer, 'acknowledged');
    await bed.env.sleep('20m');
    expect(noticesAbout(BEN, customer)).toEqual([]);

    await bed.text(ANA, "can't make it after all, truck broke down", FRIDAY_MORNING);
    const released = await bed.waitForEvent(customer, 'released');
    const [backupNotice] = await waitForNotice(BEN, customer);
    const anaTexts = await waitForNotice(ANA, customer, 3);

    expect(released.acknowledgedBy).toBeNull();
    expect(anaTexts[2]).toContain('goes to the next person on the list');
    expect(backupNotice).toContain(`replied "can't make it after all, truck broke down"`);
    await bed.text(BEN, 'ok', FRIDAY_MORNING);
    const taken = await bed.waitForEvent(customer, 'acknowledged', 2);
    expect(taken.acknowledgedBy?.phone).toBe(BEN);
  });

  it('marks a job given back after the last round', async () => {
    const customer = newCustomer();
    const digits = customer.slice(-4);
    await bed.emergency(customer, 'Pipe burst, water everywhere', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.env.sleep('95m');
    await bed.waitForEvent(customer, 'unacknowledged');

    await bed.text(ANA, `ok ${digits}`, FRIDAY_MORNING);
    await bed.waitForEvent(customer, 'acknowledged');
    await bed.text(ANA, `can't make it to ${digits} after all`, FRIDAY_MORNING);
    const summary = await bed.waitForEvent(customer, 'unacknowledged', 2);

    expect(summary.status).toBe('unacknowledged');
    expect(summary.acknowledgedBy).toBeNull();
    expect(eventsOf(summary, 'released')).toHaveLength(1);
  });

  it('moves on at once when a responder declines', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'Basement flooding fast', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(ANA, `can't make it to ${customer.slice(-4)}, two hours out`, FRIDAY_MORNING);
    await bed.waitForEvent(customer, 'declined');
    await waitForNotice(BEN, customer);

    const summary = await bed.dispatch(customer);
    const notified = eventsOf(summary, 'notified');
    expect(secondsBetween(notified[0].at, notified[1].at)).toBeLessThan(60);
    expect(eventsOf(summary, 'escalated')[0].detail).toContain('turned it down');
  });

  it('honours STOP from a technician phone', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'Water heater burst, water everywhere', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.text(CAL, 'STOP', FRIDAY_MORNING);
    await bed.env.sleep('1m');

    expect(bed.deps.ledger.isOptedOut(bed.businessId, CAL)).toBe(true);
    expect(bed.standIn.textsTo(CAL).filter((text) => text.includes('could not read'))).toEqual([]);
    await bed.text(CAL, 'START', FRIDAY_MORNING);
    expect(bed.deps.ledger.isOptedOut(bed.businessId, CAL)).toBe(false);
  });

  it('moves on at once when the waited-on technician texts STOP', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'Pipe burst in the basement', FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    try {
      await bed.text(ANA, 'STOP', FRIDAY_MORNING);
      await bed.waitForEvent(customer, 'declined');
      await waitForNotice(BEN, customer);

      const summary = await bed.dispatch(customer);
      const notified = eventsOf(summary, 'notified');
      expect(secondsBetween(notified[0].at, notified[1].at)).toBeLessThan(60);
      expect(noticesAbout(ANA, customer)).toHaveLength(1);
    } finally {
      await bed.text(ANA, 'START', FRIDAY_MORNING);
    }
  });

  it('flags an address outside the service area', async () => {
    const customer = newCustomer();
    const words = 'Pipe burst in the basement at 742 Evergreen Ter, Springfield IL 62704';
    await bed.emergency(customer, words, FRIDAY_MORNING);
    const [notice] = await waitForNotice(ANA, customer);
    expect(notice).toContain('(OUTSIDE the service area)');
  });
});

describe('customer side of a dispatch', () => {
  it('tells the customer a technician will call within 10 minutes', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    const texts = (await bed.standIn.waitForMessages(3, customer)).map((message) => message.text);

    expect(texts[2]).toContain('will call you within 10 minutes');
    expect(texts[2]).not.toContain('$149');
    const { outcome, transcript } = await bed.conversation(customer);
    expect(outcome).toBe('dispatched');
    expect(transcript.map((entry) => entry.text)).toContain(texts[2]);
  });

  it('tells an after-hours customer the after-hours fee', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My water heater burst, water everywhere', FRIDAY_NIGHT);
    const texts = (await bed.standIn.waitForMessages(3, customer)).map((message) => message.text);

    expect(texts[2]).toContain('will call you within 10 minutes');
    expect(texts[2]).toContain('After-hours emergency visits have a $149 trip charge.');
  });

  it('tells technicians not to text an opted-out customer', async () => {
    const customer = newCustomer();
    const words = 'Stop texting me, pipe burst and water everywhere';
    await bed.emergency(customer, words, FRIDAY_MORNING);
    const [notice] = await waitForNotice(ANA, customer);
    expect(notice).toContain('Do NOT text them: they opted out of texts.');

    await bed.env.sleep('1m');
    const texts = bed.standIn.textsTo(customer);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("You've been opted out");
    expect(texts[1]).toContain('Our on-call technician will still call you');
    const summary = await bed.dispatch(customer);
    expect(summary.customerOptedOut).toBe(true);
  });

  it('passes a later STOP on to the dispatch', async () => {
    const customer = newCustomer();
    await bed.emergency(customer, 'My basement is flooding, pipe burst', FRIDAY_MORNING);
    await bed.standIn.waitForMessages(3, customer);
    await bed.text(customer, 'STOP', FRIDAY_MORNING);
    await bed.standIn.waitForMessages(4, customer);
    await bed.env.sleep('1m');

    const summary = await bed.dispatch(customer);
    expect(summary.customerOptedOut).toBe(true);
    expect(bed.standIn.textsTo(customer)).toHaveLength(4);
    expect(bed.standIn.textsTo(customer)[3]).toContain("You've been opted out");
  });

  it('answers HELP and takes START during a dispatch', async () => {
    const customer = newCustomer();
    const words = 'Stop texting me, pipe burst and water everywhere';
    await bed.emergency(customer, words, FRIDAY_MORNING);
    await waitForNotice(ANA, customer);
    await bed.standIn.waitForMessages(2, customer);

    await bed.text(customer, 'HELP', FRIDAY_MORNING);
    const texts = await bed.standIn.waitForMessages(3, customer);
    expect(texts[2].text).toContain('To talk to a person, call');
    await bed.env.sleep('1m');
    expect(noticesAbout(ANA, customer)).toHaveLength(1);

    await bed.text(customer, 'START', FRIDAY_MORNING);
    await bed.standIn.waitForMessages(4, customer);
    const [, update] = await waitForNotice(ANA, customer, 2);
    expect(update).not.toContain('Do NOT text them');
    expect((await bed.dispatch(customer)).customerOptedOut).toBe(false);
  });

  it('dispatches for a customer who opted out earlier', async () => {
    const customer = newCustomer();
    await bed.text(customer, 'STOP', FRIDAY_MORNING);
    await bed.standIn.waitForMessages(1, customer);
    await bed.text(customer, 'I smell gas in the kitchen', FRIDAY_MORNING);
    const [notice] = await waitForNotice(ANA, customer);
    await bed.env.sleep('1m');

    expect(notice).toContain('Do NOT text them: they opted out of texts.');
    expect(bed.standIn.textsTo(customer)).toHaveLength(1);
    expect((await bed.dispatch(customer)).urgency).toBe('gas');
  });

  it('dispatches when Vonage cannot text the customer', async () => {
    const customer = newCustomer();
    bed.standIn.undeliverable.add(customer.replace(/^\+/, ''));
    await bed.text(customer, 'Pipe burst, water everywhere in the kitchen', FRIDAY_MORNING);
    const [notice] = await waitForNotice(ANA, customer);
    await bed.env.sleep('1m');
    const { status, transcript } = await bed.conversation(customer);

    expect(notice).toContain(customer.slice(-4));
    expect(bed.standIn.textsTo(customer)).toHaveLength(0);
    expect(status).not.toBe('closed');
    expect(transcript.some((entry) => entry.status === 'failed')).toBe(true);

    await bed.text(customer, "It's 1420 W Fullerton Ave, Chicago 60614", FRIDAY_MORNING);
    const [, update] = await waitForNotice(ANA, customer, 2);
    expect(update).toContain('1420 W Fullerton Ave, Chicago 60614');
  });
});
