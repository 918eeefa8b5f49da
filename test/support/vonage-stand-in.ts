import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in accepted, with the time it arrived (performance.now()). */
export interface ReceivedMessage {
  uuid: string;
  to: string;
  from: string;
  text: string;
  channel: string;
  clientRef?: string;
  authorization: string;
  receivedAt: number;
}

export interface ReceivedCall {
  uuid: string;
  to: string;
  ncco: unknown[];
  receivedAt: number;
}

/**
 * A local stand-in of Vonage's HTTP API, shaped after its documented endpoints: POST
 * /v1/messages (Messages API, 202 with message_uuid), POST /v1/calls (Voice API, 201), and
 * transcription downloads. Requests must carry Basic or Bearer authorization, as Vonage's do.
 */
export class VonageStandIn {
  readonly messages: ReceivedMessage[] = [];
  readonly calls: ReceivedCall[] = [];
  readonly transcripts = new Map<string, string>();
  /** Status codes returned to the next message requests, in order, before accepting again. */
  failNext: number[] = [];
  /**
   * Delays in milliseconds before answering the next message requests, in order. The message
   * is still accepted, as Vonage would send a text whose response the client stopped waiting for.
   */
  slowNext: number[] = [];
  /** Numbers (digits, no plus) that Vonage rejects with 422. */
  readonly undeliverable = new Set<string>();
  private server: Server | null = null;
  private waiters: (() => void)[] = [];

  url = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  textsTo(phone: string): string[] {
    const digits = phone.replace(/^\+/, '');
    return this.messages.filter((message) => message.to === digits).map((message) => message.text);
  }

  /** Resolves once `count` messages match, or rejects after `timeoutMs`. */
  async waitForMessages(
    count: number,
    to?: string,
    timeoutMs = 15_000,
  ): Promise<ReceivedMessage[]> {
    const matching = () =>
      this.messages.filter((message) => !to || message.to === to.replace(/^\+/, ''));
    const deadline = Date.now() + timeoutMs;
    while (matching().length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `stand-in: expected ${count} messages${to ? ` to ${to}` : ''}, got ${matching().length}`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return matching();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

    const authorization = request.headers.authorization ?? '';
    if (!/^(Basic|Bearer) \S+/.test(authorization)) {
      return reply(401, {
        type: 'https://developer.vonage.com/api-errors#unauthorized',
        title: 'Unauthorized',
      });
    }
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'POST' && url.pathname === '/v1/messages') {
      const delay = this.slowNext.shift();
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return this.acceptMessage(raw, authorization, reply);
    }
    if (request.method === 'POST' && url.pathname === '/v1/calls')
      return this.acceptCall(raw, reply);
    if (request.method === 'GET' && url.pathname.startsWith('/v1/files/')) {
      const text = this.transcripts.get(url.pathname.split('/').pop()!);
      if (text === undefined) return reply(404, { title: 'Not found' });
      return reply(200, { channels: [{ transcript: [{ sentence: text }] }] });
    }
    reply(404, { title: 'Not found', detail: `${request.method} ${url.pathname}` });
  }

  private acceptMessage(
    raw: string,
    authorization: string,
    reply: (status: number, body: unknown) => void,
  ): void {
    const failure = this.failNext.shift();
    if (failure)
      return reply(failure, {
        title: 'Stand-in failure',
        detail: `configured to answer ${failure}`,
      });

    const body = JSON.parse(raw);
    if (this.undeliverable.has(body.to)) {
      return reply(422, { title: 'Invalid params', detail: `cannot send to ${body.to}` });
    }
    const missing = ['message_type', 'channel', 'to', 'from'].filter((field) => !body[field]);
    if (missing.length > 0 || (body.message_type === 'text' && !body.text)) {
      return reply(422, {
        title: 'Invalid params',
        invalid_parameters: missing.map((name) => ({ name })),
      });
    }
    const uuid = randomUUID();
    this.messages.push({
      uuid,
      to: body.to,
      from: body.from,
      text: body.text,
      channel: body.channel,
      clientRef: body.client_ref,
      authorization,
      receivedAt: performance.now(),
    });
    this.notify();
    reply(202, { message_uuid: uuid });
  }

  private acceptCall(raw: string, reply: (status: number, body: unknown) => void): void {
    const body = JSON.parse(raw);
    const uuid = randomUUID();
    const to = body.to?.[0]?.number ?? '';
    this.calls.push({ uuid, to, ncco: body.ncco ?? [], receivedAt: performance.now() });
    this.notify();
    reply(201, {
      uuid,
      status: 'started',
      direction: 'outbound',
      conversation_uuid: `CON-${uuid}`,
    });
  }
}
