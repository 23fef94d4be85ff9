import { randomInt } from 'node:crypto';
import { epochSeconds } from '../../../clock.js';
import { safeEqual } from '../../../security/keyed-hash.js';
import type { IdentityContext } from '../context.js';
import { codeExpired, codeInvalid, codeNotAccepted } from '../errors.js';
import { type Lockout, mailedCodeKey } from '../sign-in/lockout.js';
import type { CodePurpose, UserItem, VerificationCodeItem } from '../store.js';

/** A code may be guessed wrong this many times; then it is void and a new one must be asked for. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Wrong codes an address may take, across its codes, before it locks (and locks for longer each time):
 * two codes' worth, so asking for new codes buys no more guesses.
 */
const ADDRESS_LOCK = {
  threshold: 2 * MAX_CODE_ATTEMPTS,
  message: 'Too many wrong codes for this address; try again later',
};

export const CODE_LIFETIMES: Record<CodePurpose, number> = {
  'confirm-account': 24 * 3600,
  'reset-password': 3600,
  'change-email': 24 * 3600,
};

/**
 * Six-digit codes sent by mail: stored only as an HMAC, single use, limited tries, one live code per
 * purpose, each bound to the address it was mailed to. Codes that an anonymous caller presents with an
 * address (`uniform`) fail with one answer whatever the reason, so an unknown address, a wrong code, a
 * spent code and an expired one look alike. Wrong codes also count per address across codes (`guarded`),
 * so asking for new codes buys no more guesses.
 */
export function createVerificationCodes(ctx: IdentityContext, lockout: Lockout) {
  const hash = (userId: string, purpose: CodePurpose, code: string) =>
    ctx.hasher.hash(`code:${purpose}`, `${userId}:${code}`);

  /** Checks a code mailed to `address`; throws when it is not right. */
  async function check(
    userId: string,
    purpose: CodePurpose,
    code: string,
    uniform: boolean,
    address: string,
  ) {
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
    // A code belongs to the address it was mailed to: once the account's address changed, it is void.
    if (!safeEqual(hash(userId, purpose, code), item.codeHash) || item.target !== address) {
      throw fail(() => codeInvalid());
    }
    return item;
  }

  async function consume(item: VerificationCodeItem, uniform: boolean): Promise<void> {
    const store = await ctx.store();
    if (!(await store.spendCode(item.userId, item.purpose, item.codeHash))) {
      throw uniform ? codeNotAccepted() : codeInvalid('This code was already used');
    }
  }

  /**
   * Makes a new code to mail to `address`, replacing (and so voiding) any earlier one for the same
   * purpose. `passwordHash` binds an account confirmation to the password chosen in the request that
   * asked for the code.
   */
  async function issue(
    userId: string,
    purpose: CodePurpose,
    address: string,
    extra: { passwordHash?: string | undefined } = {},
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
      target: address,
      ...(extra.passwordHash ? { passwordHash: extra.passwordHash } : {}),
    });
    return code;
  }

  return {
    issue,

    /**
     * A new confirmation code for an unconfirmed account, to mail to its address: it confirms the same
     * password the code it replaces would have.
     */
    async reissueConfirmation(user: UserItem): Promise<string> {
      const pending = await (await ctx.store()).getCode(user.userId, 'confirm-account');
      const passwordHash = pending?.passwordHash ?? user.passwordHash;
      return issue(user.userId, 'confirm-account', user.email, { passwordHash });
    },

    /** Checks a code (using up one try) without spending it; throws when it is not right. */
    check,

    /**
     * Runs `attempt` (a code check) against the budget of wrong codes for the address the code was mailed
     * to: failures across codes and purposes lock it as wrong passwords lock a sign-in (decision 4). Anything
     * `attempt` throws counts as a wrong code, so an unknown address is counted as a known one is.
     */
    async guarded<T>(address: string, attempt: () => Promise<T>): Promise<T> {
      const reserved = await lockout.begin(mailedCodeKey(address), ADDRESS_LOCK);
      let result: T;
      try {
        result = await attempt();
      } catch (error) {
        throw (await lockout.failed(reserved)) ?? error;
      }
      await lockout.succeeded(reserved);
      return result;
    },

    /** Voids the user's live codes for these purposes (after a change that makes them stale). */
    async discard(userId: string, purposes: CodePurpose[]): Promise<void> {
      const store = await ctx.store();
      await Promise.all(purposes.map((purpose) => store.deleteCode(userId, purpose)));
    },

    /** Spends a checked code; throws if another request spent it first. */
    consume,

    /** Checks and spends a code. */
    async spend(
      userId: string,
      purpose: CodePurpose,
      code: string,
      uniform: boolean,
      address: string,
    ): Promise<VerificationCodeItem> {
      const item = await check(userId, purpose, code, uniform, address);
      await consume(item, uniform);
      return item;
    },
  };
}

export type VerificationCodes = ReturnType<typeof createVerificationCodes>;
