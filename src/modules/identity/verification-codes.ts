import { randomInt } from 'node:crypto';
import { epochSeconds } from '../../clock.js';
import { safeEqual } from '../../security/keyed-hash.js';
import type { IdentityContext } from './context.js';
import { codeExpired, codeInvalid, codeNotAccepted } from './errors.js';
import type { CodePurpose, VerificationCodeItem } from './store.js';

/** A code may be guessed wrong this many times; then it is void and a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;

export const CODE_LIFETIMES: Record<CodePurpose, number> = {
  'confirm-account': 24 * 3600,
  'reset-password': 3600,
  'change-email': 24 * 3600,
};

/**
 * Six-digit codes sent by mail: stored only as an HMAC, single use, limited tries, one live code per
 * purpose. Codes that an anonymous caller presents with an address (`uniform`) fail with one answer
 * whatever the reason, so an unknown address, a wrong code, a spent code and an expired one look alike.
 */
export function createVerificationCodes(ctx: IdentityContext) {
  const hash = (userId: string, purpose: CodePurpose, code: string) =>
    ctx.hasher.hash(`code:${purpose}`, `${userId}:${code}`);

  async function check(userId: string, purpose: CodePurpose, code: string, uniform: boolean) {
    const fail = (specific: () => Error) => (uniform ? codeNotAccepted() : specific());
    const store = await ctx.store();
    const item = await store.getCode(userId, purpose);
    if (!item) throw fail(() => codeInvalid());
    if (item.expiresAt <= ctx.clock.now()) throw fail(codeExpired);
    const tooMany = () => codeInvalid('Too many wrong tries for this code; ask for a new one');
    if (item.attempts >= MAX_CODE_ATTEMPTS) throw fail(tooMany);
    // The try is spent before the guess is compared: racing guesses get no extra tries.
    if (!(await store.takeCodeAttempt(userId, purpose, item.codeHash, MAX_CODE_ATTEMPTS))) {
      throw fail(() => codeInvalid('This code was replaced or used; ask for a new one'));
    }
    if (!safeEqual(hash(userId, purpose, code), item.codeHash)) throw fail(() => codeInvalid());
    return item;
  }

  async function consume(item: VerificationCodeItem, uniform: boolean): Promise<void> {
    const store = await ctx.store();
    if (!(await store.spendCode(item.userId, item.purpose, item.codeHash))) {
      throw uniform ? codeNotAccepted() : codeInvalid('This code was already used');
    }
  }

  return {
    /**
     * Makes a new code, replacing (and so voiding) any earlier one for the same purpose. `passwordHash`
     * binds an account confirmation to the password chosen in the request that asked for the code.
     */
    async issue(
      userId: string,
      purpose: CodePurpose,
      extra: { target?: string; passwordHash?: string | undefined } = {},
    ): Promise<string> {
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
        ...(extra.target ? { target: extra.target } : {}),
        ...(extra.passwordHash ? { passwordHash: extra.passwordHash } : {}),
      });
      return code;
    },

    /** The live code for a purpose, if any (to carry its binding over to a resent code). */
    async current(userId: string, purpose: CodePurpose) {
      return (await ctx.store()).getCode(userId, purpose);
    },

    /** Checks a code (using up one try) without spending it; throws when it is not right. */
    check,

    /** Spends a checked code; throws if another request spent it first. */
    consume,

    /** Checks and spends a code. */
    async spend(
      userId: string,
      purpose: CodePurpose,
      code: string,
      uniform: boolean,
    ): Promise<VerificationCodeItem> {
      const item = await check(userId, purpose, code, uniform);
      await consume(item, uniform);
      return item;
    },
  };
}

export type VerificationCodes = ReturnType<typeof createVerificationCodes>;
