import { randomBytes } from 'node:crypto';
import { epochSeconds } from '../../../clock.js';
import { sha256 } from '../../../security/keyed-hash.js';
import type { SecurityEvents } from '../audit/security-events.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import { normaliseEmail } from '../context.js';
import { codeExpired, codeInvalid, invalidCredentials, userNotConfirmed } from '../errors.js';
import type { TokenSet } from '../sessions/schemas.js';
import type { AuthMethod, Sessions } from '../sessions/sessions.js';
import type { UserItem } from '../store.js';
import { type Lockout, loginKey, secondFactorKey } from './lockout.js';
import type { MfaChallenge } from './schemas.js';
import type { Totp } from './totp.js';

const MFA_CHALLENGE_SECONDS = 300;
const MAX_MFA_ATTEMPTS = 5;

/** Email-and-password sign-in, and the second step when TOTP is on. */
export function createSignIn(
  ctx: IdentityContext,
  parts: { sessions: Sessions; lockout: Lockout; events: SecurityEvents; totp: Totp },
) {
  const { sessions, lockout, events, totp } = parts;
  const fingerprint = (user: UserItem) => sha256(user.passwordHash ?? '');

  /**
   * After a password sign-in opened its session: is the password that was checked still the account's?
   * A reset or change that wrote a new one while argon2 ran has either listed (and revoked) the new
   * session already, or is seen here.
   */
  async function passwordUnchanged(user: UserItem): Promise<boolean> {
    const current = await (await ctx.store()).getUser(user.userId);
    return current !== null && current.passwordHash === user.passwordHash;
  }

  /** The second step of a sign-in whose first step (`method`) succeeded on an account with TOTP on. */
  async function challengeFor(user: UserItem, method: AuthMethod, meta: RequestMeta): Promise<MfaChallenge> {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = ctx.clock.now() + MFA_CHALLENGE_SECONDS * 1000;
    await (await ctx.store()).createMfaChallenge({
      challengeHash: sha256(challenge),
      userId: user.userId,
      attempts: 0,
      passwordFingerprint: fingerprint(user),
      methods: [method],
      ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
      expiresAt,
      ttl: epochSeconds(expiresAt),
    });
    return { challenge: 'MFA_REQUIRED', session: challenge };
  }

  return {
    challengeFor,

    /**
     * Wrong address and wrong password are answered identically and spend the same argon2 time; the
     * lockout counts the address either way.
     */
    async login(email: string, password: string, meta: RequestMeta): Promise<TokenSet | MfaChallenge> {
      const address = normaliseEmail(email);
      const store = await ctx.store();
      const [attempt, user] = await Promise.all([
        lockout.begin(loginKey(address)),
        store.findUserByEmail(address),
      ]);
      const matches = user?.passwordHash
        ? await ctx.passwords.verify(user.passwordHash, password)
        : await ctx.passwords.verifyNothing(password);
      if (!user || !matches) {
        const [locked] = await Promise.all([
          lockout.failed(attempt),
          user ? events.record(user.userId, 'login.failed', meta) : undefined,
        ]);
        if (user && locked) await events.record(user.userId, 'login.locked', meta);
        throw invalidCredentials();
      }
      const cleared = lockout.succeeded(attempt);
      if (user.status !== 'confirmed') {
        await cleared;
        throw userNotConfirmed();
      }

      if (user.mfaEnabled) {
        await cleared;
        return challengeFor(user, 'password', meta);
      }
      const [tokens] = await Promise.all([
        sessions.start(user, ['password'], meta, () => passwordUnchanged(user)),
        events.record(user.userId, 'login.succeeded', meta),
        cleared,
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
      // A password reset or change since the first step voids the pending sign-in.
      if (!user || item.passwordFingerprint !== fingerprint(user)) {
        throw codeInvalid('This sign-in is not pending; sign in again');
      }
      // Across challenges too: a password holder gets no more second-factor guesses by signing in again.
      const attempt = await lockout.begin(secondFactorKey(user.userId));
      const method = await totp.verify(user, code);
      if (!method) {
        const [locked] = await Promise.all([
          lockout.failed(attempt),
          events.record(user.userId, 'mfa.failed', meta),
        ]);
        throw locked ?? codeInvalid();
      }
      await lockout.succeeded(attempt);
      if (!(await store.spendMfaChallenge(challengeHash)))
        throw codeInvalid('This sign-in is not pending; sign in again');
      if (method === 'recovery') await events.record(user.userId, 'mfa.recovery_code_used', meta);
      const first = (item.methods?.[0] ?? 'password') as AuthMethod;
      const [tokens] = await Promise.all([
        sessions.start(user, [first, 'mfa'], meta, () => passwordUnchanged(user)),
        events.record(user.userId, 'login.succeeded', meta),
      ]);
      return tokens;
    },
  };
}
