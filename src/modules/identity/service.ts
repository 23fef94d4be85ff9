import type { Principal } from '../../security/tokens.js';
import type { UserDataContributor } from '../user-data.js';
import { createAccountStatus } from './accounts/account-status.js';
import { createAccounts } from './accounts/accounts.js';
import { createAdministration } from './accounts/administration.js';
import { isActiveAccount, requireUser } from './accounts/users.js';
import { createVerificationCodes } from './accounts/verification-codes.js';
import { createSecurityEvents } from './audit/security-events.js';
import type { RequestMeta } from './context.js';
import { mailTemplates } from './mail-templates.js';
import { createPasskeys, type PasskeyContext } from './passkeys/passkeys.js';
import { createSessions } from './sessions/sessions.js';
import { createLockout } from './sign-in/lockout.js';
import { createReauthentication } from './sign-in/reauthentication.js';
import type { RecoveryCodes } from './sign-in/schemas.js';
import { createSignIn } from './sign-in/sign-in.js';
import { createSignInLinks } from './sign-in/sign-in-links.js';
import { createTotp } from './sign-in/totp.js';
import { createSso, type SsoContext } from './sso/sso.js';
import type { UserItem } from './store.js';

/** Identity's domain: everything its routes (and other modules) can ask of it. No HTTP in here. */
export function createIdentityService(
  ctx: SsoContext & PasskeyContext,
  contributors: () => UserDataContributor[],
) {
  const events = createSecurityEvents(ctx);
  const lockout = createLockout(ctx);
  const codes = createVerificationCodes(ctx, lockout);
  const sessions = createSessions(ctx, events);
  const totp = createTotp(ctx);
  const reauthentication = createReauthentication(ctx, lockout);
  const signIn = createSignIn(ctx, { sessions, lockout, events, totp });
  const passkeys = createPasskeys(ctx, {
    sessions,
    events,
    reauthentication,
    async otherLoginMethods(user: UserItem) {
      const links = await (await ctx.ssoStore()).listLinks(user.userId);
      return (user.passwordHash ? 1 : 0) + links.length;
    },
  });
  const sso = createSso(ctx, {
    sessions,
    events,
    reauthentication,
    challengeFor: signIn.challengeFor,
    passkeyCount: passkeys.count,
  });
  const signInLinks = createSignInLinks(ctx);
  const accountStatus = createAccountStatus(ctx, () => accounts.deletion);
  const accounts = createAccounts(ctx, {
    codes,
    events,
    sessions,
    lockout,
    reauthentication,
    contributors: () => [sso.contributor, passkeys.contributor, ...contributors()],
    onDeleting: accountStatus.markDeleted,
  });

  const administration = createAdministration(ctx, { events, sessions, accountStatus, codes });

  return {
    // Accounts: registration, confirmation, passwords, profile, export and deletion.
    register: accounts.register,
    confirm: accounts.confirm,
    resendCode: accounts.resendCode,
    forgotPassword: accounts.forgotPassword,
    resetPassword: accounts.resetPassword,
    changePassword: accounts.changePassword,
    profile: accounts.profile,
    updateProfile: accounts.updateProfile,
    confirmEmailChange: accounts.confirmEmailChange,
    adminConfirm: accounts.adminConfirm,
    // Administration: other accounts, for holders of the admin scope.
    findUsers: administration.findUsers,
    disableUser: administration.disable,
    enableUser: administration.enable,
    resendConfirmation: administration.resendConfirmation,
    indexUsersForSearch: administration.indexUsersForSearch,
    provisionAdmin: accounts.provisionAdmin,
    findByEmail: accounts.findByEmail,
    exportData: accounts.exportData,
    deleteAccount: accounts.deleteAccount,

    // Sign-in: a password (then a second factor when TOTP is on) or a mailed link.
    login: signIn.login,
    completeMfa: signIn.completeMfa,
    requestSignInLink: signInLinks.requestSignInLink,

    // SSO: sign-in with a provider, and linking providers to an account.
    startSsoLogin: sso.startSsoLogin,
    startLink: sso.startLink,
    completeCallback: sso.completeCallback,
    completeLink: sso.completeLink,
    exchangeSignInCode: sso.exchangeSignInCode,
    listAuthProviders: sso.listAuthProviders,
    unlink: sso.unlink,

    // Passkeys: registered from the settings, used to sign in without an address.
    startPasskeyRegistration: passkeys.registrationOptions,
    registerPasskey: passkeys.register,
    startPasskeySignIn: passkeys.signInOptions,
    signInWithPasskey: passkeys.signIn,
    listPasskeys: passkeys.list,
    renamePasskey: passkeys.rename,
    removePasskey: passkeys.remove,

    // Sessions: refresh-token families, each a signed-in device.
    refresh: sessions.refresh,
    logout: sessions.logout,
    logoutWithRefreshToken: sessions.logoutWithRefreshToken,
    listSessions: sessions.list,
    signOutDevice: sessions.signOutDevice,
    /** For every authenticated request: the device list's "last used", written at most once per window. */
    sessionUsed: sessions.used,
    /** For strict revocation: is this access token's session still live? */
    sessionIsLive: sessions.isLive,

    // Audit: the account's security events.
    securityEvents: events.list,
    recordSecurityEvent: events.record,

    // Account state other modules and the authenticator ask about.
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

    // MFA: TOTP set up, turned on and off from the settings.
    async setupTotp(principal: Principal, currentPassword: string | undefined) {
      const user = await requireUser(ctx, principal.userId);
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      return totp.setup(user);
    },

    async enableTotp(principal: Principal, code: string, meta: RequestMeta): Promise<RecoveryCodes> {
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
