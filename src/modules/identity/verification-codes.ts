import { randomInt } from 'node:crypto';
import { epochSeconds } from '../../clock.js';
import { safeEqual } from '../../security/keyed-hash.js';
import type { IdentityContext } from './context.js';
import { codeExpired, codeInvalid } from './errors.js';
import type { CodePurpose, VerificationCodeItem } from './store.js';

/** A code may be guessed wrong this many times; then it is void and a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;

export const CODE_LIFETIMES: Record<CodePurpose, number> = {
  'confirm-account': 24 * 3600,
  'reset-password': 3600,
  'change-email': 24 * 3600,
};

/** Six-digit codes sent by mail: stored only as an HMAC, single use, limited tries, one live code per purpose. */
export function createVerificationCodes(ctx: IdentityContext) {
  const hash = (userId: string, purpose: CodePurpose, code: string) =>
    ctx.hasher.hash(`code:${purpose}`, `${userId}:${code}`);

  return {
    /** Makes a new code, replacing (and so voiding) any earlier one for the same purpose. */
    async issue(userId: string, purpose: CodePurpose, target?: string): Promise<string> {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = ctx.clock.now() + CODE_LIFETIMES[purpose] * 1000;
      const store = await ctx.store();
      await store.putCode({
        userId,
        purpose,
        codeHash: hash(userId, purpose, code),
        attempts: 0,
        expiresAt,
        ttl: epochSeconds(expiresAt),
        ...(target ? { target } : {}),
      });
      return code;
    },

    /** Checks and spends a code; throws `AUTH_CODE_INVALID` or `AUTH_CODE_EXPIRED`. */
    async spend(userId: string, purpose: CodePurpose, code: string): Promise<VerificationCodeItem> {
      const store = await ctx.store();
      const item = await store.getCode(userId, purpose);
      if (!item) throw codeInvalid();
      if (item.expiresAt <= ctx.clock.now()) throw codeExpired();
      const tooMany = () => codeInvalid('Too many wrong tries for this code; ask for a new one');
      if (item.attempts >= MAX_CODE_ATTEMPTS) throw tooMany();
      if (!(await store.takeCodeAttempt(userId, purpose, item.codeHash, MAX_CODE_ATTEMPTS))) throw tooMany();
      if (!safeEqual(hash(userId, purpose, code), item.codeHash)) throw codeInvalid();
      if (!(await store.spendCode(userId, purpose, item.codeHash))) throw codeInvalid();
      return item;
    },
  };
}

export type VerificationCodes = ReturnType<typeof createVerificationCodes>;
