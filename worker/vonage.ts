import { Auth } from '@vonage/auth';
import { Messages } from '@vonage/messages';
import { Voice } from '@vonage/voice';
import { existsSync, readFileSync } from 'node:fs';

/** Vonage credentials and hosts read from the environment; null when none are set. */
export interface VonageConfig {
  apiKey?: string;
  apiSecret?: string;
  applicationId?: string;
  privateKey?: string;
  apiHost?: string;
  number?: string;
  timeoutMs: number;
}

function privateKeyFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.includes('BEGIN')) return value.replace(/\\n/g, '\n');
  if (existsSync(value)) return readFileSync(value, 'utf8');
  throw new Error(`VONAGE_PRIVATE_KEY: '${value}' is neither a PEM key nor a readable file`);
}

export function vonageConfigFromEnv(env = process.env): VonageConfig | null {
  const config: VonageConfig = {
    apiKey: env.VONAGE_API_KEY || undefined,
    apiSecret: env.VONAGE_API_SECRET || undefined,
    applicationId: env.VONAGE_APPLICATION_ID || undefined,
    privateKey: privateKeyFrom(env.VONAGE_PRIVATE_KEY || undefined),
    apiHost: env.VONAGE_API_HOST?.replace(/\/+$/, '') || undefined,
    number: env.VONAGE_NUMBER || undefined,
    timeoutMs: Number(env.VONAGE_TIMEOUT_MS ?? 10_000),
  };
  const basic = config.apiKey && config.apiSecret;
  const jwt = config.applicationId && config.privateKey;
  return basic || jwt ? config : null;
}

function auth(config: VonageConfig): Auth {
  return new Auth({
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    applicationId: config.applicationId,
    privateKey: config.privateKey,
  });
}

function hosts(config: VonageConfig) {
  return config.apiHost ? { apiHost: config.apiHost, restHost: config.apiHost } : {};
}

export function createMessagesClient(config: VonageConfig): Messages {
  return new Messages(auth(config), { ...hosts(config), timeout: config.timeoutMs });
}

export function createVoiceClient(config: VonageConfig): Voice {
  return new Voice(auth(config), { ...hosts(config), timeout: config.timeoutMs });
}

/** Vonage writes numbers without the plus sign. */
export function toVonageNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

/** HTTP status of a failed Vonage SDK call, when the error carries a response. */
export function vonageStatus(error: unknown): number | undefined {
  const response = (error as { response?: { status?: number } })?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * The outcome of a failed Vonage request, which decides the retry:
 * - `rejected`: a 4xx other than 429, so a retry fails the same way;
 * - `unknown`: timed out or cut off after the request went out, so Vonage may have sent it;
 * - `not_sent`: no connection, 429 or 5xx.
 */
export type VonageOutcome = 'rejected' | 'unknown' | 'not_sent';

/** A failed Vonage request, described without its headers, so without any credentials. */
export interface VonageFailure {
  outcome: VonageOutcome;
  status: number | undefined;
  detail: string;
}

const CUT_OFF_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

/**
 * Describes a Vonage SDK error. The SDK's errors carry the request, Authorization header
 * included, so they are never logged or rethrown as they are; use the detail instead.
 */
export function describeVonageError(error: unknown): VonageFailure {
  const status = vonageStatus(error);
  const { name, code, message } = (error ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
  };
  const reason = message ?? String(error);
  if (status !== undefined) {
    const rejected = status >= 400 && status < 500 && status !== 429;
    return { outcome: rejected ? 'rejected' : 'not_sent', status, detail: `vonage: ${reason}` };
  }
  if (name === 'AbortError' || (code && CUT_OFF_CODES.has(code))) {
    return {
      outcome: 'unknown',
      status,
      detail: `vonage: no response (${code ?? name}): ${reason}`,
    };
  }
  return { outcome: 'not_sent', status, detail: `vonage: ${reason}` };
}
