import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Play tokens (docs/quality.md, "Recordings"): the console never holds a lasting address of a
 * recording. A play (audited) gives a token naming the recording, its reader and when it expires,
 * signed with a key derived from ECOUTE_PRIVACY_SECRET; the audio is served only to that reader,
 * with that token, until it expires.
 */

export interface PlayGrant {
  recordingId: string;
  readerId: string;
  expiresAt: number;
}

const keyOf = (secret: string) => createHmac('sha256', secret).update('ecoute recording play v1').digest();
const sign = (secret: string, payload: string) => createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');

export function issuePlayToken(secret: string, grant: PlayGrant): string {
  const payload = Buffer.from(`${grant.recordingId}.${grant.readerId}.${grant.expiresAt}`).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The grant a token holds, if it is signed and not expired; undefined otherwise. */
export function readPlayToken(secret: string, token: string, now = Date.now()): PlayGrant | undefined {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const [recordingId, readerId, expires] = Buffer.from(payload, 'base64url').toString().split('.');
  const expiresAt = Number(expires);
  if (!recordingId || !readerId || !Number.isSafeInteger(expiresAt) || expiresAt <= now) return undefined;
  return { recordingId, readerId, expiresAt };
}
