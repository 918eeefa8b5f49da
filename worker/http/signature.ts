import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };
export type TokenCheck = { ok: true; claims: jwt.JwtPayload } | { ok: false; reason: string };

/**
 * Checks the token of a Vonage signed webhook: a JWT in the Authorization header, signed with
 * HMAC-SHA256 by the account's signature secret. It needs no body, so it runs before parsing.
 */
export function verifyVonageToken(authorization: string | undefined, secret: string): TokenCheck {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return { ok: false, reason: 'missing Authorization bearer token' };
  // NOTE: tokens have no maximum age. A replayed request is caught only by the message and
  // call ids that the ledger deduplicates.
  try {
    const verified = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof verified === 'string')
      return { ok: false, reason: 'token payload is not an object' };
    return { ok: true, claims: verified };
  } catch (error) {
    return { ok: false, reason: `invalid signature: ${(error as Error).message}` };
  }
}

/** Checks that a verified token's payload_hash claim is the SHA-256 of the raw body. */
export function verifyPayloadHash(claims: jwt.JwtPayload, rawBody: string): SignatureCheck {
  if (rawBody.length > 0 || claims.payload_hash !== undefined) {
    const actual = createHash('sha256').update(rawBody).digest('hex');
    if (claims.payload_hash !== actual)
      return { ok: false, reason: 'payload_hash does not match the body' };
  }
  return { ok: true };
}

/** Checks a Vonage signed webhook whole: the token, then the payload hash of the raw body. */
export function verifyVonageSignature(
  authorization: string | undefined,
  rawBody: string,
  secret: string,
): SignatureCheck {
  const token = verifyVonageToken(authorization, secret);
  return token.ok ? verifyPayloadHash(token.claims, rawBody) : token;
}

/** Signs a body the way Vonage does; used by the Vonage stand-in and the tests. */
export function signVonageWebhook(
  rawBody: string,
  secret: string,
  apiKey = 'ringback-test',
): string {
  const payloadHash = createHash('sha256').update(rawBody).digest('hex');
  const token = jwt.sign(
    { api_key: apiKey, payload_hash: payloadHash, jti: crypto.randomUUID() },
    secret,
    {
      algorithm: 'HS256',
    },
  );
  return `Bearer ${token}`;
}
