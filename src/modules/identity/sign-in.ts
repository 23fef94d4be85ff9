import { randomBytes } from 'node:crypto';
import { epochSeconds } from '../../clock.js';
import { sha256 } from '../../security/keyed-hash.js';
import type { IdentityContext, RequestMeta } from './context.js';
import { normaliseEmail } from './context.js';
import { codeExpired, codeInvalid, invalidCredentials, userNotConfirmed } from './errors.js';
import type { Lockout } from './lockout.js';
import type { SecurityEvents } from './security-events.js';
import type { Sessions, TokenSet } from './sessions.js';
import type { Totp } from './totp.js';

const MFA_CHALLENGE_SECONDS = 300;
const MAX_MFA_ATTEMPTS = 5;

export interface MfaChallenge {
  challenge: 'MFA_REQUIRED';
  session: string;
}

/** Email-and-password sign-in, and the second step when TOTP is on. */
export function createSignIn(
  ctx: IdentityContext,
  parts: { sessions: Sessions; lockout: Lockout; events: SecurityEvents; totp: Totp },
) {
  const { sessions, lockout, events, totp } = parts;

  return {
    /**
     * Wrong address and wrong password are answered identically and spend the same argon2 time; the
     * lockout counts the address either way.
     */
    async login(email: string, password: string, meta: RequestMeta): Promise<TokenSet | MfaChallenge> {
      const address = normaliseEmail(email);
      const store = await ctx.store();
      const [state, user] = await Promise.all([lockout.check(address), store.findUserByEmail(address)]);
      const matches = user?.passwordHash
        ? await ctx.passwords.verify(user.passwordHash, password)
        : await ctx.passwords.verifyNothing(password);
      if (!user || !matches) {
        const [locked] = await Promise.all([
          lockout.fail(state),
          user ? events.record(user.userId, 'login.failed', meta) : undefined,
        ]);
        if (user && locked) await events.record(user.userId, 'login.locked', meta);
        throw invalidCredentials();
      }
      await lockout.clear(state);
      if (user.status !== 'confirmed') throw userNotConfirmed();

      if (user.mfaEnabled) {
        const challenge = randomBytes(32).toString('base64url');
        const expiresAt = ctx.clock.now() + MFA_CHALLENGE_SECONDS * 1000;
        await store.createMfaChallenge({
          challengeHash: sha256(challenge),
          userId: user.userId,
          attempts: 0,
          methods: ['password'],
          ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
          expiresAt,
          ttl: epochSeconds(expiresAt),
        });
        return { challenge: 'MFA_REQUIRED', session: challenge };
      }
      const [tokens] = await Promise.all([
        sessions.start(user, ['password'], meta),
        events.record(user.userId, 'login.succeeded', meta),
      ]);
      return tokens;
    },

    /** The second step: the challenge from `login` plus a TOTP or recovery code; five tries per challenge. */
    async completeMfa(challenge: string, code: string, meta: RequestMeta): Promise<TokenSet> {
      const challengeHash = sha256(challenge);
      const store = await ctx.store();
      const item = await store.getMfaChallenge(challengeHash);
      if (!item) throw codeInvalid('This sign-in is not pending; sign in again');
      if (item.expiresAt <= ctx.clock.now()) throw codeExpired();
      if (!(await store.takeMfaAttempt(challengeHash, MAX_MFA_ATTEMPTS))) {
        throw codeInvalid('Too many wrong codes; sign in again');
      }
      const user = await store.getUser(item.userId);
      if (!user) throw codeInvalid();
      const method = await totp.verify(user, code);
      if (!method) {
        await events.record(user.userId, 'mfa.failed', meta);
        throw codeInvalid();
      }
      if (!(await store.spendMfaChallenge(challengeHash)))
        throw codeInvalid('This sign-in is not pending; sign in again');
      if (method === 'recovery') await events.record(user.userId, 'mfa.recovery_code_used', meta);
      const [tokens] = await Promise.all([
        sessions.start(user, ['password', 'mfa'], meta),
        events.record(user.userId, 'login.succeeded', meta),
      ]);
      return tokens;
    },
  };
}
