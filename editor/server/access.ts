import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Headers that a reverse proxy adds; behind one, every client would look like loopback. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Decides who may use the rules API. With a token, every request (loopback too) must send
 * `Authorization: Bearer <token>`. Without one, only a browser or script on this machine may.
 * Its connection must come from loopback without proxy headers, and its Host header must name
 * loopback, so a web page cannot reach the API by pointing its own host name at 127.0.0.1.
 * A write that carries an Origin header must come from the page's own host.
 *
 * @returns true when the request may go on; otherwise the reply has been sent.
 */
export function checkEditorAccess(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): boolean {
  return checkAccess(request, reply, token, EDITOR_GUARD);
}

/** The API a guard protects, as its messages name it. */
export interface Guard {
  /** Name in messages, e.g. "rules API". */
  api: string;
  /** The variable that holds the token, e.g. RINGBACK_EDITOR_TOKEN. */
  tokenVariable: string;
  realm: string;
}

const EDITOR_GUARD: Guard = {
  api: 'rules API',
  tokenVariable: 'RINGBACK_EDITOR_TOKEN',
  realm: 'ringback-editor',
};

/** Applies the token-or-loopback rule above to any API; see checkEditorAccess. */
export function checkAccess(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
  guard: Guard,
): boolean {
  const rejection = token ? checkToken(request, token, guard) : checkLoopback(request, guard);
  if (!rejection) return true;

  if (rejection.status === 401) reply.header('www-authenticate', `Bearer realm="${guard.realm}"`);
  reply.code(rejection.status).send({ error: rejection.message });
  return false;
}

interface Rejection {
  status: 401 | 403;
  message: string;
}

function checkToken(request: FastifyRequest, token: string, guard: Guard): Rejection | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (match && sameSecret(match[1].trim(), token)) return undefined;

  const message = match
    ? `${guard.api}: the bearer token is wrong; use the value of ${guard.tokenVariable}`
    : `${guard.api}: missing Authorization: Bearer header; ${guard.tokenVariable} is set`;
  return { status: 401, message };
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison time reveals nothing about the token.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function checkLoopback(request: FastifyRequest, guard: Guard): Rejection | undefined {
  const onlyLoopback =
    `${guard.api}: only clients on this machine may use it; ` +
    `set ${guard.tokenVariable} to allow others`;

  if (!isLoopbackAddress(request.socket.remoteAddress))
    return { status: 403, message: onlyLoopback };
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) {
    return { status: 403, message: `${onlyLoopback} (the request came through a proxy)` };
  }

  const host = hostName(request.headers.host);
  if (!isLoopbackHost(host)) {
    return {
      status: 403,
      message:
        `${guard.api}: Host '${host}' is not a loopback name; ` + 'use 127.0.0.1 or localhost',
    };
  }

  const origin = request.headers.origin;
  if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== undefined) {
    if (originHost(origin) !== (request.headers.host ?? '').toLowerCase()) {
      return {
        status: 403,
        message: `${guard.api}: writes from the page at ${origin} are not allowed`,
      };
    }
  }
  return undefined;
}

/** True for 127.0.0.0/8 and ::1, including IPv4 addresses mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4) || address === '::1';
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || isLoopbackAddress(host);
}

function hostName(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0];
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
