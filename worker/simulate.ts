import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { signVonageWebhook } from './http/signature.ts';
import { countryOf, toE164 } from './phone.ts';
import { loadSettings } from './settings.ts';

interface SimulatorOptions {
  url: string;
  from: string;
  voicemail?: string;
  call: boolean;
}

interface LedgerMessage {
  id: number;
  direction: 'in' | 'out';
  text: string;
  status: string;
}

/** Sends RINGBACK_API_TOKEN to /api routes and signs webhooks with VONAGE_SIGNATURE_SECRET. */
function authorization(url: string, raw = ''): Record<string, string> {
  const token = process.env.RINGBACK_API_TOKEN;
  const secret = process.env.VONAGE_SIGNATURE_SECRET;
  if (token && url.includes('/api/')) return { authorization: `Bearer ${token}` };
  if (secret && url.includes('/webhooks/'))
    return { authorization: signVonageWebhook(raw, secret) };
  return {};
}

/** Fetches, turning a connection failure into a message that names the server. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(`cannot reach ${new URL(url).origin} (${reason}): is ringback start running?`);
  }
}

async function get(url: string): Promise<Response> {
  return request(url, { headers: authorization(url) });
}

async function post(url: string, body: unknown): Promise<Response> {
  const raw = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...authorization(url, raw) };
  const response = await request(url, { method: 'POST', headers, body: raw });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response;
}

const MAX_POLL_FAILURES = 10;

/** Plays a caller: places a missed call, prints the texts it gets, and sends what you type. */
export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const base = options.url.replace(/\/+$/, '');
  // Normalise the number as the server does, so replies posted in Vonage's format match the call.
  const phone = toE164(options.from, countryOf(loadSettings().company.phone));
  const conversationUrl = `${base}/api/conversations/${encodeURIComponent(phone)}`;
  const seen = new Set<number>();

  const showNewTexts = async () => {
    const response = await get(conversationUrl);
    if (response.status === 404) return;
    const conversation = (await response.json()) as { transcript: LedgerMessage[] };
    for (const message of conversation.transcript) {
      if (message.direction !== 'out' || seen.has(message.id)) continue;
      seen.add(message.id);
      const note = message.status === 'suppressed' ? ' (not sent: opted out)' : '';
      process.stdout.write(`\n< ${message.text.replace(/\n/g, '\n  ')}${note}\n> `);
    }
  };

  const before = await get(conversationUrl);
  if (before.ok) {
    const earlier = (await before.json()) as { transcript: LedgerMessage[] };
    for (const message of earlier.transcript) seen.add(message.id);
  }

  if (options.call) {
    await post(`${base}/api/calls/missed`, { from: phone, voicemailTranscript: options.voicemail });
    console.log(`missed call placed from ${phone}; waiting for a text...`);
  }
  console.log('type a reply and press Enter; Ctrl-D to hang up');

  // Polls every half second; ten failures in a row (five seconds) mean the server has gone.
  let failures = 0;
  const poll = setInterval(() => {
    showNewTexts().then(
      () => (failures = 0),
      (error: Error) => {
        failures += 1;
        if (failures === 1) console.error(`\n${error.message}`);
        if (failures < MAX_POLL_FAILURES) return;
        console.error('the server stopped answering: hanging up');
        process.exit(1);
      },
    );
  }, 500);
  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text) {
      await post(`${base}/webhooks/vonage/messages/inbound`, {
        message_uuid: randomUUID(),
        from: phone.replace(/^\+/, ''),
        to: 'ringback',
        channel: 'sms',
        message_type: 'text',
        text,
        timestamp: new Date().toISOString(),
      }).catch((error) => console.error(error.message));
    }
    lines.prompt();
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await showNewTexts();
  clearInterval(poll);
  console.log('\nhung up');
}
