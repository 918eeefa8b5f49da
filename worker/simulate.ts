import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { signVonageWebhook } from './http/signature.ts';

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

async function post(url: string, body: unknown): Promise<Response> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = process.env.VONAGE_SIGNATURE_SECRET;
  if (secret && url.includes('/webhooks/')) headers.authorization = signVonageWebhook(raw, secret);
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** A terminal phone: places a missed call, prints the texts it receives, sends what you type. */
export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const base = options.url.replace(/\/+$/, '');
  const phone = options.from;
  const conversationUrl = `${base}/api/conversations/${encodeURIComponent(phone)}`;
  const seen = new Set<number>();

  const showNewTexts = async () => {
    const response = await fetch(conversationUrl);
    if (response.status === 404) return;
    const conversation = (await response.json()) as { transcript: LedgerMessage[] };
    for (const message of conversation.transcript) {
      if (message.direction !== 'out' || seen.has(message.id)) continue;
      seen.add(message.id);
      const note = message.status === 'suppressed' ? ' (not sent: opted out)' : '';
      process.stdout.write(`\n< ${message.text.replace(/\n/g, '\n  ')}${note}\n> `);
    }
  };

  const before = await fetch(conversationUrl);
  if (before.ok) {
    const earlier = (await before.json()) as { transcript: LedgerMessage[] };
    for (const message of earlier.transcript) seen.add(message.id);
  }

  if (options.call) {
    await post(`${base}/api/calls/missed`, { from: phone, voicemailTranscript: options.voicemail });
    console.log(`called the business from ${phone} and nobody picked up; waiting for a text...`);
  }
  console.log('type a reply and press Enter; Ctrl-D to hang up');

  const poll = setInterval(
    () => void showNewTexts().catch((error) => console.error(`\n${error.message}`)),
    500,
  );
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
