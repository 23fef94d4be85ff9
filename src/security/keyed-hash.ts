import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 under the server secret, separated by purpose; stored in place of codes and lookup keys. */
export interface KeyedHasher {
  hash(purpose: string, value: string): string;
}

export function createKeyedHasher(secret: string): KeyedHasher {
  const key = Buffer.from(secret, 'utf8');
  return {
    hash: (purpose, value) =>
      createHmac('sha256', key).update(purpose).update('\0').update(value).digest('base64url'),
  };
}

/** SHA-256 of a high-entropy value (a random token); no secret needed because the input cannot be guessed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Compares two strings without revealing where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
