import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks a Vonage signed webhook: a JWT in the Authorization header, signed with HMAC-SHA256
 * by the account's signature secret, whose payload_hash claim is the SHA-256 of the raw body.
 */
export function verifyVonageSignature(
  authorization: string | undefined,
  rawBody: string,
  secret: string,
): SignatureCheck {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return { ok: false, reason: 'missing Authorization bearer token' };

  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof verified === 'string')
      return { ok: false, reason: 'token payload is not an object' };
    claims = verified;
  } catch (error) {
    return { ok: false, reason: `invalid signature: ${(error as Error).message}` };
  }

  if (rawBody.length > 0 || claims.payload_hash !== undefined) {
    const actual = createHash('sha256').update(rawBody).digest('hex');
    if (claims.payload_hash !== actual)
      return { ok: false, reason: 'payload_hash does not match the body' };
  }
  return { ok: true };
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
