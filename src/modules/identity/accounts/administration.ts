import { isoTime } from '../../../clock.js';
import { ConflictError } from '../../../errors.js';
import type { Principal } from '../../../security/tokens.js';
import type { SecurityEvents } from '../audit/security-events.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import { normaliseEmail } from '../context.js';
import { userNotFound } from '../errors.js';
import { mailTemplates } from '../mail-templates.js';
import type { Sessions } from '../sessions/sessions.js';
import type { UserItem } from '../store.js';
import type { AccountStatus } from './account-status.js';
import { codeDelivery } from './accounts.js';
import type { AdminUser, AdminUserPageView, CodeDelivery } from './schemas.js';
import type { VerificationCodes } from './verification-codes.js';

export const cannotDisableSelf = () =>
  new ConflictError('An administrator cannot disable their own account', 'ADMIN_CANNOT_DISABLE_SELF');

export const alreadyConfirmed = () =>
  new ConflictError('This account is confirmed already', 'AUTH_USER_ALREADY_CONFIRMED');

function toAdminUser(user: UserItem): AdminUser {
  return {
    userId: user.userId,
    email: user.email,
    displayName: user.displayName,
    status: user.status,
    emailVerified: user.emailVerified,
    mfaEnabled: user.mfaEnabled,
    disabledAt: user.disabledAt ?? null,
    createdAt: user.createdAt,
  };
}

/**
 * What administrators do to other accounts (decision 49): find them by address, disable and enable them,
 * mail a new confirmation code. Each change is a security event on the account, naming the administrator.
 */
export function createAdministration(
  ctx: IdentityContext,
  parts: {
    events: SecurityEvents;
    sessions: Sessions;
    accountStatus: AccountStatus;
    codes: VerificationCodes;
  },
) {
  const { events, sessions, accountStatus, codes } = parts;

  async function existingUser(userId: string): Promise<UserItem> {
    const user = await (await ctx.store()).getUser(userId);
    if (!user || user.deletedAt !== undefined) throw userNotFound();
    return user;
  }

  return {
    /** Accounts whose address starts with `prefix` (any case), in address order; deleted ones left out. */
    async findUsers(prefix: string, limit: number, cursor: string | undefined): Promise<AdminUserPageView> {
      const address = normaliseEmail(prefix);
      const scope = `admin-users:${address}`;
      const page = await (await ctx.store()).findUsersByEmailPrefix(
        address,
        limit,
        ctx.cursors.open(scope, cursor),
      );
      return { items: page.items.map(toAdminUser), nextCursor: ctx.cursors.seal(scope, page.cursor) };
    },

    /**
     * Disables the account, then ends its sessions: from the mark on, every sign-in and refresh is refused
     * and its access tokens fail the account check. A crash before the sessions end leaves them unusable
     * (refresh checks the mark) and the next disable or enable ends them.
     */
    async disable(admin: Principal, userId: string, meta: RequestMeta): Promise<AdminUser> {
      if (userId === admin.userId) throw cannotDisableSelf();
      const user = await existingUser(userId);
      const at = isoTime(ctx.clock.now());
      const store = await ctx.store();
      const changed = await ctx.eventOutbox.publishWith(
        { type: 'user.disabled', subject: userId, data: { userId } },
        (staged) => store.disableUser(userId, at, staged),
      );
      accountStatus.forget(userId);
      await sessions.revokeAll(userId, 'account-disabled');
      if (changed) await events.record(userId, 'account.disabled', meta, { adminId: admin.userId });
      return toAdminUser(changed ? { ...user, disabledAt: at } : await existingUser(userId));
    },

    /**
     * Enables a disabled account. Sessions are ended first: none may outlive the disable, not even one a
     * sign-in racing it opened, or one a crashed disable left behind.
     */
    async enable(admin: Principal, userId: string, meta: RequestMeta): Promise<AdminUser> {
      const user = await existingUser(userId);
      await sessions.revokeAll(userId, 'account-disabled');
      const store = await ctx.store();
      const changed = await ctx.eventOutbox.publishWith(
        { type: 'user.enabled', subject: userId, data: { userId } },
        (staged) => store.enableUser(userId, isoTime(ctx.clock.now()), staged),
      );
      accountStatus.forget(userId);
      if (changed) await events.record(userId, 'account.enabled', meta, { adminId: admin.userId });
      return toAdminUser(changed ? { ...user, disabledAt: undefined } : await existingUser(userId));
    },

    /** Operator path (the CLI): puts accounts made before the search index existed into it. */
    indexUsersForSearch: async () => (await ctx.store()).indexUsersForSearch(),

    /** Mails an unconfirmed account a new confirmation code (the old one stops working). */
    async resendConfirmation(admin: Principal, userId: string, meta: RequestMeta): Promise<CodeDelivery> {
      const user = await existingUser(userId);
      if (user.status === 'confirmed') throw alreadyConfirmed();
      // The owner's own resends count against the same per-address limit: no mailbox gets flooded.
      await ctx.limits.consume('signupPerAddress', ctx.hasher.hash('address', user.email));
      await ctx.mailer.send(mailTemplates.confirmAccount(user.email, await codes.reissueConfirmation(user)));
      await events.record(userId, 'account.confirmation_resent', meta, { adminId: admin.userId });
      return codeDelivery(user.email, 'A new confirmation code is on its way');
    },
  };
}
