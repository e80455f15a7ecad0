import crypto from 'node:crypto';

// A hiring link's token is the link's id and its HMAC: the API (which returns the link) and the
// worker (which mails it) make the same one from the id, and nothing secret is stored.

const sign = (secret: string, id: string) =>
  crypto.createHmac('sha256', secret).update(`hiring:${id}`).digest('base64url');

export const hiringToken = (secret: string, id: string) => `${id}.${sign(secret, id)}`;

export const hiringLink = (publicUrl: string, secret: string, id: string) =>
  `${publicUrl.replace(/\/$/, '')}/portal/hire?token=${encodeURIComponent(hiringToken(secret, id))}`;

/** The link's id if the token is one we made, else undefined (altered or cut). */
export function hiringIdOf(secret: string, token: string): string | undefined {
  const [id, signature, extra] = token.split('.');
  if (!id || !signature || extra !== undefined || id.length > 64) return undefined;
  const expected = Buffer.from(sign(secret, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : undefined;
}
