import { useEffect, useState } from 'react';
import { measureSms } from '../../../engine/index.js';
import { storedToken } from '../api.js';
import { describeLength } from './TryItPanel.js';

/** Interval between outbox requests while the outbox tab is open, in milliseconds. */
const POLL_INTERVAL_MS = 3000;

/** A text the server recorded as sent, as `GET /api/outbox` returns it. */
interface OutboxMessage {
  id: number;
  phone: string;
  text: string;
  purpose: string | null;
  status: string;
  at: string;
}

type OutboxState =
  | { kind: 'loading' }
  | { kind: 'ready'; messages: OutboxMessage[] }
  | { kind: 'unavailable'; message: string };

/**
 * Lists the texts Ringback sent, newest first. Without Vonage credentials they go to this local
 * outbox instead of to customers, so staff can follow a test call here.
 */
export function OutboxPanel({ visible }: { visible: boolean }) {
  const [state, setState] = useState<OutboxState>({ kind: 'loading' });

  useEffect(() => {
    if (!visible) return;
    let stopped = false;
    const load = async () => {
      const next = await fetchOutbox();
      if (!stopped) setState(next);
    };
    void load();
    const timer = setInterval(load, POLL_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [visible]);

  if (state.kind === 'loading') return <p className="muted">Loading the outbox…</p>;
  if (state.kind === 'unavailable') return <p className="muted">{state.message}</p>;
  if (state.messages.length === 0) {
    return <p className="muted">No texts yet. Place a test call with ringback simulate.</p>;
  }

  return (
    <ol className="outbox" reversed>
      {[...state.messages].reverse().map((message) => (
        <li key={message.id} className="outbox-message">
          <div className="muted">
            {new Date(message.at).toLocaleString()} · to {maskPhone(message.phone)} ·{' '}
            {message.purpose ?? 'message'} · {message.status}
          </div>
          <pre className="sms-preview">{message.text}</pre>
          <div className="segments">
            {describeLength({ text: message.text, ...measureSms(message.text) })}
          </div>
        </li>
      ))}
    </ol>
  );
}

async function fetchOutbox(): Promise<OutboxState> {
  const token = storedToken();
  try {
    const response = await fetch('/api/outbox', {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (response.status === 404) {
      return { kind: 'unavailable', message: 'This server has no outbox: run ringback start.' };
    }
    if (!response.ok) {
      return {
        kind: 'unavailable',
        message: `GET /api/outbox failed with HTTP ${response.status}`,
      };
    }
    const body = (await response.json()) as { messages: OutboxMessage[] };
    return { kind: 'ready', messages: body.messages };
  } catch (error) {
    return { kind: 'unavailable', message: `GET /api/outbox failed: ${(error as Error).message}` };
  }
}

/** Hides all but the last four digits, as the server's logs do: +1******0123. */
function maskPhone(phone: string): string {
  return phone.length <= 4
    ? phone
    : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 6)}${phone.slice(-4)}`;
}
