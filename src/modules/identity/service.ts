import type { Principal } from '../../security/tokens.js';
import type { UserDataContributor } from '../user-data.js';
import { createAccountStatus } from './account-status.js';
import { createAccounts } from './accounts.js';
import type { RequestMeta } from './context.js';
import { createLockout } from './lockout.js';
import { mailTemplates } from './mail-templates.js';
import { createReauthentication } from './reauthentication.js';
import { createSecurityEvents } from './security-events.js';
import { createSessions } from './sessions.js';
import { createSignIn } from './sign-in.js';
import { createSignInLinks } from './sign-in-links.js';
import { createSso, type SsoContext } from './sso.js';
import { createTotp } from './totp.js';
import { isActiveAccount, requireUser } from './users.js';
import { createVerificationCodes } from './verification-codes.js';

/** Identity's domain: everything its routes (and other modules) can ask of it. No HTTP in here. */
export function createIdentityService(ctx: SsoContext, contributors: () => UserDataContributor[]) {
  const events = createSecurityEvents(ctx);
  const lockout = createLockout(ctx);
  const codes = createVerificationCodes(ctx, lockout);
  const sessions = createSessions(ctx, events);
  const totp = createTotp(ctx);
  const reauthentication = createReauthentication(ctx, lockout);
  const { challengeFor, ...signIn } = createSignIn(ctx, { sessions, lockout, events, totp });
  const { contributor: linkedIdentities, ...sso } = createSso(ctx, {
    sessions,
    events,
    reauthentication,
    challengeFor,
  });
  const signInLinks = createSignInLinks(ctx);
  const accountStatus = createAccountStatus(ctx, () => accounts.deletion);
  const accounts = createAccounts(ctx, {
    codes,
    events,
    sessions,
    lockout,
    reauthentication,
    contributors: () => [linkedIdentities, ...contributors()],
    onDeleting: accountStatus.markDeleted,
  });

  const { deletion: _deletion, ...accountOperations } = accounts;
  return {
    ...accountOperations,
    ...signIn,
    ...sso,
    ...signInLinks,
    refresh: sessions.refresh,
    logout: sessions.logout,
    logoutWithRefreshToken: sessions.logoutWithRefreshToken,
    /** For strict revocation: is this access token's session still live? */
    sessionIsLive: sessions.isLive,
    securityEvents: events.list,
    recordSecurityEvent: events.record,
    /** For every authenticated request: may this account act (not deleted, not disabled)? Cached. */
    accountIsActive: accountStatus.isActive,
    /** After an authenticated write: sweeps again when the account was deleted meanwhile. */
    sweepIfDeleted: accountStatus.sweepIfDeleted,
    /** For other modules: a flow started by an account that was deleted meanwhile must not store anything. */
    async accountExists(userId: string): Promise<boolean> {
      return isActiveAccount(await (await ctx.store()).getUser(userId));
    },
    /** For other modules: where to mail a user (never shown to anyone else); null once the account is gone. */
    async accountContact(userId: string): Promise<{ email: string; displayName: string } | null> {
      const user = await (await ctx.store()).getUser(userId);
      return user && isActiveAccount(user) ? { email: user.email, displayName: user.displayName } : null;
    },

    async setupTotp(principal: Principal, currentPassword: string | undefined) {
      const user = await requireUser(ctx, principal.userId);
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      return totp.setup(user);
    },

    async enableTotp(principal: Principal, code: string, meta: RequestMeta) {
      const user = await requireUser(ctx, principal.userId);
      const recoveryCodes = await totp.enable(user, code);
      await ctx.mailer.send(mailTemplates.mfaChanged(user.email, true));
      await events.record(user.userId, 'mfa.enabled', meta);
      return { recoveryCodes };
    },

    async disableTotp(principal: Principal, currentPassword: string | undefined, meta: RequestMeta) {
      const user = await requireUser(ctx, principal.userId);
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      await totp.disable(user);
      await ctx.mailer.send(mailTemplates.mfaChanged(user.email, false));
      await events.record(user.userId, 'mfa.disabled', meta);
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
