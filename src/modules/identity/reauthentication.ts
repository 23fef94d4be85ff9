import { epochSeconds } from '../../clock.js';
import type { Principal } from '../../security/tokens.js';
import type { IdentityContext } from './context.js';
import { invalidCredentials, recentAuthRequired } from './errors.js';
import type { UserItem } from './store.js';

/**
 * Sensitive changes (email, MFA, deleting the account) need proof beyond a bearer token: the current
 * password, or a sign-in within the last few minutes (for accounts that only use SSO).
 */
export function createReauthentication(ctx: IdentityContext) {
  return async function confirmIdentity(
    user: UserItem,
    principal: Principal,
    currentPassword: string | undefined,
  ) {
    if (currentPassword !== undefined) {
      const matches = user.passwordHash
        ? await ctx.passwords.verify(user.passwordHash, currentPassword)
        : await ctx.passwords.verifyNothing(currentPassword);
      if (!matches) throw invalidCredentials();
      return;
    }
    if (epochSeconds(ctx.clock.now()) - principal.authTime > ctx.config.tokens.recentAuthSeconds) {
      throw recentAuthRequired();
    }
  };
}

export type ConfirmIdentity = ReturnType<typeof createReauthentication>;
