import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../security/keyed-hash.js';

/*
 * The callback token an artist pastes into the stack (its `AmplyApiKey` parameter), and the optional
 * `X-Amply-Signature` the stack's function makes with it. Decision 26.
 */

/** A token is live for 24 hours after it is issued. */
export const CALLBACK_TOKEN_TTL_MS = 24 * 3600 * 1000;

const TOKEN = /^amply_([a-z0-9-]{3,40})_(\d{13})_([0-9a-f]{32})$/;

/** `amply_<artistId>_<unix-ms>_<32 hex>`: 128 random bits, named after the artist it is bound to. */
export function newCallbackToken(artistId: string, nowMs: number): string {
  return `amply_${artistId}_${String(nowMs).padStart(13, '0')}_${randomBytes(16).toString('hex')}`;
}

/** The artistId a well-formed token names, or undefined for anything else. */
export function callbackTokenArtist(token: string): string | undefined {
  return TOKEN.exec(token)?.[1];
}

/** How far the signature's time may be from ours, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function signatureOf(token: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', token).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the callback token>`. */
export function signCallback(token: string, rawBody: string, nowMs: number): string {
  const timestamp = String(Math.floor(nowMs / 1000));
  return `t=${timestamp},v1=${signatureOf(token, timestamp, rawBody)}`;
}

export type SignatureCheck = 'valid' | 'malformed' | 'outside_tolerance' | 'mismatch';

/** Checks an `X-Amply-Signature` header against the body as received; any one `v1` may match. */
export function checkCallbackSignature(
  header: string,
  token: string,
  rawBody: string,
  nowMs: number,
): SignatureCheck {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts
    .filter(([name, value]) => name === 'v1' && value)
    .map(([, value]) => value as string);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'outside_tolerance';
  const expected = signatureOf(token, timestamp, rawBody);
  return signatures.some((candidate) => safeEqual(candidate, expected)) ? 'valid' : 'mismatch';
}
