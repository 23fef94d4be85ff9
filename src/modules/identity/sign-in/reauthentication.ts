import { epochSeconds } from '../../../clock.js';
import type { Principal } from '../../../security/tokens.js';
import type { IdentityContext } from '../context.js';
import { invalidCredentials, recentAuthRequired } from '../errors.js';
import type { UserItem } from '../store.js';
import { type Lockout, passwordKey } from './lockout.js';

/**
 * Proof beyond a bearer token, for sensitive changes (email, password, MFA, deleting the account).
 * Wrong current passwords count against the same lockout as sign-in, so a stolen access token is no
 * way to guess the password.
 */
export function createReauthentication(ctx: IdentityContext, lockout: Lockout) {
  async function checkPassword(user: UserItem, password: string): Promise<void> {
    const attempt = await lockout.begin(passwordKey(user));
    const matches = user.passwordHash
      ? await ctx.passwords.verify(user.passwordHash, password)
      : await ctx.passwords.verifyNothing(password);
    if (!matches) throw (await lockout.failed(attempt)) ?? invalidCredentials();
    await lockout.succeeded(attempt);
  }

  return {
    checkPassword,
    /** The current password when given; otherwise a sign-in (of any kind) within the last few minutes. */
    async confirmIdentity(user: UserItem, principal: Principal, currentPassword: string | undefined) {
      if (currentPassword !== undefined) return checkPassword(user, currentPassword);
      if (epochSeconds(ctx.clock.now()) - principal.authTime > ctx.config.tokens.recentAuthSeconds) {
        throw recentAuthRequired();
      }
    },
  };
}

export type Reauthentication = ReturnType<typeof createReauthentication>;
