import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../worker/activities/index.ts';
import { ConversationGateway } from '../../worker/conversations.ts';
import { createMetrics } from '../../worker/http/metrics.ts';
import { buildServer } from '../../worker/http/server.ts';
import { createLogger } from '../../worker/logger.ts';
import { conversationWorkflow } from '../../workflows/conversation.ts';
import {
  conversationStateQuery,
  inboundMessageSignal,
  missedCallSignal,
} from '../../workflows/signals.ts';
import { createTestWorker, startTimeSkipping, testDeps, testSettings } from '../support/harness.ts';
import { VonageStandIn } from '../support/vonage-stand-in.ts';

// Monday 7 December 2026, 9:00 in Chicago: the booking activities' clock in these tests.
const MONDAY_9AM = new Date('2026-12-07T15:00:00.000Z');

let env: TestWorkflowEnvironment;
let standIn: VonageStandIn;
const workers: { worker: Worker; running: Promise<void> }[] = [];

beforeAll(async () => {
  env = await startTimeSkipping();
  standIn = await new VonageStandIn().start();
});

afterAll(async () => {
  for (const { worker, running } of workers) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
  await standIn?.stop();
});

/** Starts a worker with the real activities on a fresh ledger; the booking clock is Monday 9am. */
async function startWorker(
  settings = testSettings(),
  clock = () => MONDAY_9AM,
): Promise<{ taskQueue: string; deps: ActivityDeps }> {
  const deps: ActivityDeps = { ...testDeps({ standIn, settings }), clock };
  const { worker, taskQueue } = await createTestWorker(env, deps);
  workers.push({ worker, running: worker.run() });
  return { taskQueue, deps };
}

let callerNumber = 0;

/** Plays one caller: a missed call, then texts, read back at the Vonage stand-in. */
function caller(taskQueue: string) {
  callerNumber += 1;
  const phone = `+1312555${String(2000 + callerNumber).padStart(4, '0')}`;
  const workflowId = `ringback/apex-plumbing/${phone}`;
  const start = { workflowId, taskQueue, args: [{ businessId: 'apex-plumbing', phone }] } as const;
  let sent = 0;

  return {
    phone,
    async missedCall() {
      await env.client.workflow.signalWithStart(conversationWorkflow, {
        ...start,
        signal: missedCallSignal,
        signalArgs: [{ callId: `call-${phone}`, at: MONDAY_9AM.toISOString(), source: 'api' }],
      });
      return this.nextText();
    },
    async text(text: string) {
      await env.client.workflow.signalWithStart(conversationWorkflow, {
        ...start,
        signal: inboundMessageSignal,
        signalArgs: [
          { messageId: `msg-${Math.random()}`, text, at: MONDAY_9AM.toISOString(), channel: 'sms' },
        ],
      });
    },
    /** Waits for the next text to this caller and returns it. */
    async nextText(): Promise<string> {
      sent += 1;
      const messages = await standIn.waitForMessages(sent, phone);
      return messages[sent - 1].text;
    },
    async reply(text: string): Promise<string> {
      await this.text(text);
      return this.nextText();
    },
    state() {
      return env.client.workflow.getHandle(workflowId).query(conversationStateQuery);
    },
    textCount() {
      return standIn.textsTo(phone).length;
    },
  };
}

describe('booking a routine job', () => {
  let taskQueue: string;
  let deps: ActivityDeps;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ taskQueue, deps } = await startWorker());
    app = await buildServer({
      settings: deps.settings,
      ledger: deps.ledger,
      conversations: new ConversationGateway(env.client, taskQueue, deps.settings.id),
      logger: createLogger({ write: () => {} }),
      metrics: createMetrics(),
      vonage: null,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('books "no hot water" and confirms the time', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();

    const triage = await customer.reply('I have no hot water');
    const offer = await customer.reply("It's my house, 45 W Lake St apt 3 chicago 60601");
    const confirmation = await customer.reply('the first one');

    expect(triage).toContain('water heater');
    expect(triage).toContain('home or a business');
    expect(offer).toContain('today at 11am or today at 12pm');
    expect(confirmation).toContain('booked for Monday, December 7 at 11am');
    expect(confirmation).toContain('Ana, your technician, will call when they');
    expect(confirmation).toContain('gate code');
    expect(confirmation).toContain('Thanks for choosing Apex Plumbing');

    const response = await fetch(`${base}/api/conversations/${encodeURIComponent(customer.phone)}`);
    const body = await response.json();
    expect(body.outcome).toBe('booked');
    expect(body.booking.technician).toEqual({ id: 'ana', name: 'Ana Ortiz' });
    expect(body.booking.start).toBe('2026-12-07T11:00:00.000-06:00');
    expect(body.booking.end).toBe('2026-12-07T13:00:00.000-06:00');
    expect(body.booking.address).toBe('45 W Lake St Apt 3, Chicago, IL 60601');
    expect(body.booking.jobType).toBe('Water Heater');
  });

  it('keeps a gate code sent after booking as a note', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('the toilet keeps running in our house');
    await customer.reply('2200 N Clark St, Chicago IL 60614');
    await customer.reply('2');

    const acknowledgement = await customer.reply('gate code is 4321, park in the alley');
    await customer.text('thanks!');
    await env.sleep('1m');

    expect(acknowledgement).toContain('appointment notes');
    expect((await customer.state()).booking?.notes).toEqual([
      'gate code is 4321, park in the alley',
    ]);
    expect(customer.textCount()).toBe(5);
  });

  it('offers other times when the customer says neither', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('kitchen faucet drips, this is a house');
    await customer.reply('1420 W Fullerton Ave, Chicago 60614');
    const firstLabels = (await customer.state()).qualification?.offer?.slots.map(
      (slot) => slot.label,
    );
    const second = await customer.reply('neither');
    const state = await customer.state();

    expect(firstLabels).toHaveLength(2);
    expect(second).toContain('No problem. I can also do');
    for (const label of firstLabels ?? []) expect(second).not.toContain(label);
    expect(state.qualification?.declined).toHaveLength(2);
    expect(state.qualification?.status).toBe('offered');
  });

  it('declines an address out of the service area with a referral offer', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('I have no hot water');

    const decline = await customer.reply("I'm at 500 Main St, Springfield IL 62701");
    const state = await customer.state();
    const referral = await customer.reply('yes please');

    expect(decline).toContain('Springfield is outside our service area');
    expect(decline).toContain('plumber we trust near you');
    expect(state.outcome).toBe('out_of_area');
    expect(state.qualification?.area?.inArea).toBe(false);
    expect(state.qualification?.offer).toBeNull();
    expect(referral).toContain('Prairie State Plumbing');
  });
});

describe('changing the problem after the offer', () => {
  it('offers times for the new job and books it', async () => {
    const { taskQueue } = await startWorker();
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('leaky faucet in bathroom');
    const firstOffer = await customer.reply("It's my house, 45 W Lake St, Chicago 60601");

    const newOffer = await customer.reply(
      'actually forget the faucet, the real problem is the water heater, no hot water at all',
    );
    const confirmation = await customer.reply('the first one');
    const { booking } = await customer.state();

    expect(firstOffer).toContain('a fixture repair');
    expect(newOffer).not.toContain('No problem');
    expect(newOffer).toContain("Got it, so it's a water heater issue");
    expect(newOffer).toContain('times for it instead');
    expect(confirmation).toContain("You're booked");
    expect(booking?.jobType).toBe('Water Heater');
    expect(booking?.technician.id).toBe('ana');
    expect(Date.parse(booking!.end) - Date.parse(booking!.start)).toBe(2 * 3_600_000);
  });
});

describe('asking for the street', () => {
  let taskQueue: string;

  beforeAll(async () => {
    ({ taskQueue } = await startWorker());
  });

  it('takes a street without a suffix', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('No hot water since this morning');

    const streetQuestion = await customer.reply("It's my house in 60614");
    const offer = await customer.reply('2100 N Lincoln Park W');
    const state = await customer.state();

    expect(streetQuestion).toContain("What's the street address");
    expect(offer).toContain('Which works better');
    expect(state.qualification?.address).toBe('2100 N Lincoln Park W, Chicago, IL 60614');
    expect(state.qualification?.addressUnconfirmed).toBeNull();
  });

  it('splits a known city off the street', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('No hot water since this morning');
    await customer.reply("It's my house in 60614");

    const offer = await customer.reply('I already gave you my address, 1060 W Addison Chicago');

    expect(offer).toContain('Which works better');
    expect((await customer.state()).qualification?.address).toBe(
      '1060 W Addison, Chicago, IL 60614',
    );
  });

  it('offers times after asking twice', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('No hot water since this morning');

    const first = await customer.reply("It's my house in 60614");
    const second = await customer.reply('the one by the park');
    const offer = await customer.reply('just come over');
    const state = await customer.state();

    expect(first).toContain("What's the street address");
    expect(second).toBe(first);
    expect(offer).not.toContain("What's the street address");
    expect(offer).toContain('Which works better');
    expect(state.qualification?.status).toBe('offered');
    expect(state.qualification?.asked.filter((question) => question === 'street')).toHaveLength(2);
    expect(state.qualification?.addressUnconfirmed).toBe('street');
    expect(state.qualification?.zip).toBe('60614');
  });
});

describe('two conversations racing for the last slot today', () => {
  it('books one and offers the other new times', async () => {
    const base = testSettings();
    const settings = testSettings({
      booking: {
        ...(base.booking as object),
        workingHours: { mon: [['11:00', '13:00']], tue: [['08:00', '10:00']] },
        technicianHours: {},
        daysAhead: 1,
      },
    });
    const { taskQueue, deps } = await startWorker(settings);
    const first = caller(taskQueue);
    const second = caller(taskQueue);

    for (const customer of [first, second]) {
      await customer.missedCall();
      await customer.reply('no hot water in my house');
      const offer = await customer.reply('45 W Lake St, Chicago 60601');
      expect(offer).toContain('today at 11am or tomorrow at 8am');
    }
    const [firstReply, secondReply] = await Promise.all(
      [first, second].map((customer) => customer.reply('the first one')),
    );
    const states = [await first.state(), await second.state()];

    const replies = [firstReply, secondReply];
    const booked = states.filter((state) => state.outcome === 'booked');
    expect(booked).toHaveLength(1);
    expect(booked[0].booking?.start).toBe('2026-12-07T11:00:00.000-06:00');
    expect(replies.filter((text) => text.includes('booked for Monday'))).toHaveLength(1);
    const loserReply = replies.find((text) => !text.includes('booked for Monday'))!;
    expect(loserReply).toContain('just booked by another customer');
    expect(loserReply).toContain('tomorrow at 8am');
    const rows = deps.ledger.db.prepare('SELECT start FROM calendar_bookings').all();
    expect(rows).toEqual([{ start: '2026-12-07T11:00:00.000-06:00' }]);
  });
});

describe('five conversations picking the same time', () => {
  it('books every free technician once', async () => {
    const { taskQueue, deps } = await startWorker();
    const customers = Array.from({ length: 5 }, () => caller(taskQueue));
    for (const customer of customers) {
      await customer.missedCall();
      await customer.reply('leaky faucet in the bathroom of my house');
      const offer = await customer.reply('45 W Lake St, Chicago 60601');
      expect(offer).toContain('today at 11am');
    }

    const replies = await Promise.all(customers.map((customer) => customer.reply('the first one')));
    const rows = deps.ledger.db
      .prepare('SELECT technician_id AS technician, start FROM calendar_bookings ORDER BY id')
      .all() as { technician: string; start: string }[];

    const booked = replies.filter((text) => text.includes('booked for Monday, December 7 at 11am'));
    expect(booked).toHaveLength(2);
    expect(replies.filter((text) => text.includes('just booked by another customer'))).toHaveLength(
      3,
    );
    expect(rows.map((row) => row.start)).toEqual([
      '2026-12-07T11:00:00.000-06:00',
      '2026-12-07T11:00:00.000-06:00',
    ]);
    expect(rows.map((row) => row.technician).sort()).toEqual(['ana', 'ben']);
  });
});

describe('qualifying before the offer', () => {
  let taskQueue: string;
  let bookingNow = new Date('2026-12-07T14:00:00.000Z');

  beforeAll(async () => {
    ({ taskQueue } = await startWorker(testSettings(), () => bookingNow));
  });

  it('gives a sewer backup the earliest times', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();

    const warning = await customer.reply('sewage is backing up into the basement floor drain');
    const offer = await customer.reply('45 W Lake St, Chicago 60601');

    expect(warning).toContain('health hazard');
    expect(warning).toContain("What's the address");
    expect(offer).toContain('today at 10am or today at 11am');
    expect((await customer.state()).qualification?.urgency).toBe('sewer');
  });

  it('asks a business when to come and offers after-hours times', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('the water heater at my restaurant is making a banging noise');
    const timingQuestion = await customer.reply('77 W Wacker Dr, Chicago 60601');
    const offer = await customer.reply('after we close please');
    const state = await customer.state();

    expect(timingQuestion).toContain('after hours');
    expect(offer).toContain('today at 6pm or tomorrow at 6pm');
    expect(state.qualification?.propertyType).toBe('commercial');
    expect(state.qualification?.timing).toBe('after_hours');
  });

  it('books a requested after-hours time at once', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('the water heater at my restaurant is making a banging noise');
    await customer.reply('77 W Wacker Dr, Chicago 60601');
    await customer.reply('after hours please');

    const confirmation = await customer.reply('Monday at 7');
    const { booking } = await customer.state();

    expect(confirmation).toContain('booked for Monday, December 7 at 7pm');
    expect(booking?.start).toBe('2026-12-07T19:00:00.000-06:00');
  });

  it('books a requested free time without asking', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('kitchen faucet drips, this is a house');
    await customer.reply('1420 W Fullerton Ave, Chicago 60614');

    const confirmation = await customer.reply('can you do Wednesday at 3pm instead?');
    const { booking } = await customer.state();

    expect(confirmation).not.toContain('Which works better');
    expect(confirmation).toContain('booked for Wednesday, December 9 at 3pm');
    expect(booking?.start).toBe('2026-12-09T15:00:00.000-06:00');
  });

  it('asks yes or no about a single nearby time', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('kitchen faucet drips, this is a house');
    await customer.reply('1420 W Fullerton Ave, Chicago 60614');

    const offer = await customer.reply('how about 3:15pm on Wednesday');
    const confirmation = await customer.reply('yes');

    expect(offer).toContain('I can do Wednesday at 3:30pm. Does that work for you?');
    expect(confirmation).toContain('booked for Wednesday, December 9 at 3:30pm');
  });

  it('offers a price shopper a call back with a ballpark', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();

    const offer = await customer.reply('how much do you charge to replace a water heater?');
    const confirmation = await customer.reply('yes please');
    const state = await customer.state();

    expect(offer).toContain('$150-$450 for a repair');
    expect(offer).toContain('call you with a ballpark');
    expect(confirmation).toContain('will call you at this number');
    expect(state.outcome).toBe('callback_requested');
    expect(state.qualification?.priceCallback?.requested).toBe(true);
  });

  it('goes on to booking after a declined call back', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('how much do you charge to replace a water heater?');

    await customer.text('no thanks');
    await env.sleep('1m');
    const textsAfterDecline = customer.textCount();
    const next = await customer.reply("ok let's book a visit");

    expect(textsAfterDecline).toBe(2);
    expect(next).toContain('home or a business');
    expect((await customer.state()).qualification?.priceCallback?.requested).toBe(false);
  });

  it('asks a second-opinion customer what the other plumber said', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();

    const question = await customer.reply("I'd like a second opinion on my water heater");
    const next = await customer.reply('he said the tank is rusted through');
    const state = await customer.state();

    expect(question).toContain('What did they say?');
    expect(next).toContain('home or a business');
    expect(state.qualification?.otherPlumberSaid).toBe('he said the tank is rusted through');
  });

  it('keeps what the other plumber said in the first text', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();

    const next = await customer.reply('another plumber said the main line needs replacing');
    const state = await customer.state();

    expect(next).not.toContain('What did they say?');
    expect(next).toContain('home or a business');
    expect(state.qualification?.otherPlumberSaid).toBe(
      'another plumber said the main line needs replacing',
    );
  });

  it('keeps a business timing stated before the question', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply(
      'the water heater at my restaurant is making a banging noise, after hours please, we close at 10',
    );

    const offer = await customer.reply('77 W Wacker Dr, Chicago 60601');
    const state = await customer.state();

    expect(offer).not.toContain('business hours');
    expect(offer).toMatch(/at [6-8](:30)?pm or /);
    expect(state.qualification?.timing).toBe('after_hours');
    expect(state.qualification?.asked).not.toContain('commercial_timing');
  });

  it('offers new times when the offered ones have passed', async () => {
    bookingNow = new Date('2026-12-07T14:00:00.000Z');
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('kitchen faucet drips, this is a house');
    const stale = await customer.reply('1420 W Fullerton Ave, Chicago 60614');

    bookingNow = new Date('2026-12-08T14:00:00.000Z');
    const fresh = await customer.reply('the first one');
    const state = await customer.state();

    expect(stale).toContain('today at 10am');
    expect(fresh).toContain('today at 10am');
    expect(state.booking).toBeNull();
    expect(state.qualification?.offer?.number).toBe(2);
    expect(state.qualification?.offer?.slots[0].start).toBe('2026-12-08T10:00:00.000-06:00');
  });
});

describe('requesting a time that is not free', () => {
  let taskQueue: string;
  // Friday 4 December 2026, 12:25pm in Chicago.
  const fridayNoon = new Date('2026-12-04T18:25:00.000Z');

  beforeAll(async () => {
    ({ taskQueue } = await startWorker(testSettings(), () => fridayNoon));
  });

  async function offerFaucetTimes() {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('kitchen faucet drips, this is a house');
    const offer = await customer.reply('1420 W Fullerton Ave, Chicago 60614');
    expect(offer).toContain('today at 2:30pm or tomorrow at 9am');
    return customer;
  }

  it.each([
    [
      'tomorrow around 12:30?',
      'tomorrow at 12:30pm is outside our hours',
      'tomorrow at 11am or tomorrow at 12pm',
    ],
    ['sunday at 10am', "we're closed on Sundays", 'Monday at 8am or Monday at 9am'],
    ['Dec 24 at 10am', 'closed on Thursday, December 24 for the holiday', 'Fri Dec 11 at'],
    ['today at 9am', 'today at 9am has already passed', 'today at 2:30pm'],
    ['today at 1', 'today at 1pm is too soon', 'today at 2:30pm'],
    ['Monday at 7', 'Monday between 7am and 8am is outside our hours', 'Monday at 8am'],
  ])('explains why "%s" is not free', async (request, reason, nearest) => {
    const customer = await offerFaucetTimes();

    const reply = await customer.reply(request);
    const state = await customer.state();

    expect(reply).toContain(reason);
    expect(reply).toContain(nearest);
    expect(reply).not.toContain('No problem');
    expect(state.booking).toBeNull();
    expect(state.qualification?.status).toBe('offered');
  });

  it('books a time requested before the offer', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply(
      'my kitchen sink is slow to drain. 12 Oak St Chicago 60601. Tuesday at 3pm works for me',
    );

    const confirmation = await customer.reply("it's a house");
    const { booking } = await customer.state();

    expect(confirmation).toContain('booked for Tuesday, December 8 at 3pm');
    expect(booking?.start).toBe('2026-12-08T15:00:00.000-06:00');
  });

  it('keeps no time from a problem that started earlier', async () => {
    const customer = caller(taskQueue);
    await customer.missedCall();
    await customer.reply('my kitchen sink started draining slowly yesterday at 3pm');
    await customer.reply("it's a house");

    const offer = await customer.reply('1420 W Fullerton Ave, Chicago 60614');

    expect(offer).toContain('Which works better');
  });
});
