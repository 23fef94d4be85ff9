import { epochSeconds, isoTime } from '../../../clock.js';
import { ConflictError, ForbiddenError } from '../../../errors.js';
import type { NewEvent, StagedEvent } from '../../../events/events.js';
import type { Principal } from '../../../security/tokens.js';
import type { UserDataContributor } from '../../user-data.js';
import type { SecurityEvents } from '../audit/security-events.js';
import type { IdentityContext, RequestMeta } from '../context.js';
import { normaliseEmail } from '../context.js';
import { codeInvalid, codeNotAccepted, passwordPolicy, userExists, userNotFound } from '../errors.js';
import { mailTemplates } from '../mail-templates.js';
import type { Sessions } from '../sessions/sessions.js';
import { type Lockout, loginKey } from '../sign-in/lockout.js';
import type { Reauthentication } from '../sign-in/reauthentication.js';
import type { UserItem } from '../store.js';
import type { AccountDeletion } from './account-status.js';
import { addressClaimer } from './address-claims.js';
import type { CodeDelivery, Profile } from './schemas.js';
import { requireUser } from './users.js';
import type { VerificationCodes } from './verification-codes.js';

/** Unconfirmed user items expire on their own (TTL) a while after they count as abandoned. */
const UNCONFIRMED_TTL_SECONDS = 7 * 24 * 3600;

/** The answer to a request that mails something to an address: the same whatever the address holds. */
export function codeDelivery(address: string, message: string): CodeDelivery {
  return { message, delivery: { medium: 'EMAIL', destination: maskEmail(address) } };
}

export function toProfile(user: UserItem): Profile {
  return {
    userId: user.userId,
    email: user.email,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl ?? null,
    primaryAuthProvider: user.primaryAuthProvider,
    emailVerified: user.emailVerified,
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt,
    pendingEmail: user.pendingEmail ?? null,
  };
}

/** `user.created`: an account became usable (confirmed, or made confirmed by SSO or an operator). */
export function userCreated(user: Pick<UserItem, 'userId' | 'email' | 'primaryAuthProvider'>): NewEvent {
  return {
    type: 'user.created',
    subject: user.userId,
    data: { userId: user.userId, email: user.email, provider: user.primaryAuthProvider },
  };
}

/** `a***@e***.com`: enough for the person to recognise their address, built from the input alone. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/** Accounts: registration, confirmation, password reset and change, profile, email change, export, deletion. */
export function createAccounts(
  ctx: IdentityContext,
  parts: {
    codes: VerificationCodes;
    events: SecurityEvents;
    sessions: Sessions;
    lockout: Lockout;
    reauthentication: Reauthentication;
    contributors: () => UserDataContributor[];
    /** Told first when an account is being deleted, before anything is written. */
    onDeleting: (userId: string) => void;
  },
) {
  const { codes, events, sessions, lockout, reauthentication, contributors, onDeleting } = parts;
  const { confirmIdentity, checkPassword } = reauthentication;
  /** Codes presented with an address by an anonymous caller fail alike (decision 4). */
  const uniform = ctx.config.accounts.enumerationProtection;
  const countAddress = (address: string) =>
    ctx.limits.consume('signupPerAddress', ctx.hasher.hash('address', address));

  const claimAddress = addressClaimer(ctx);

  const deletion: AccountDeletion = {
    async sweep(userId) {
      for (const contributor of contributors()) await contributor.delete(userId);
      await (await ctx.store()).deleteUserItems(userId);
    },
    async finish(user) {
      await sessions.revokeAll(user.userId, 'account-deleted');
      await deletion.sweep(user.userId);
      // Announced before the user item goes (a delete cannot carry it): a crash in between leaves an
      // account whose deletion was announced and that the next request meeting it finishes (decision 37).
      await ctx.eventOutbox.publish({
        type: 'user.deleted',
        subject: user.userId,
        data: { userId: user.userId },
      });
      const store = await ctx.store();
      await store.deleteUser(user.userId);
      await store.releaseEmail(user.email, user.userId);
    },
  };

  return {
    /**
     * Creates an unconfirmed account and mails a code. An address that already has an account gets a
     * notice instead; the response is the same either way unless enumeration protection is off.
     * Registering again while the account is unconfirmed mails a new code bound to the new password:
     * confirming proves the mailbox, and the password that goes live is the one chosen in the request
     * whose code was entered, so registering someone's address first does not capture the account.
     */
    async register(
      input: { email: string; password: string; name: string },
      meta: RequestMeta,
    ): Promise<CodeDelivery> {
      const address = normaliseEmail(input.email);
      await countAddress(address);
      const problems = await ctx.policy.check(input.password, { email: address, name: input.name });
      if (problems.length > 0) throw passwordPolicy(problems);
      const passwordHash = await ctx.passwords.hash(input.password);
      const answer = codeDelivery(address, 'Check your email for a confirmation code');
      const store = await ctx.store();
      const now = ctx.clock.now();
      const userId = ctx.newId('usr', now);

      const claim = await claimAddress(address, userId);
      if (!claim.claimed) {
        if (!ctx.config.accounts.enumerationProtection) throw userExists();
        const existing = claim.owner;
        if (existing) {
          const code =
            existing.status === 'unconfirmed'
              ? await codes.issue(existing.userId, 'confirm-account', address, { passwordHash })
              : undefined;
          await ctx.mailer.send(mailTemplates.registrationAttempt(address, code));
        }
        return answer;
      }
      await store.createUser({
        userId,
        email: address,
        displayName: input.name,
        status: 'unconfirmed',
        emailVerified: false,
        passwordHash,
        primaryAuthProvider: 'password',
        mfaEnabled: false,
        createdAt: isoTime(now),
        updatedAt: isoTime(now),
        ttl: epochSeconds(now) + UNCONFIRMED_TTL_SECONDS,
      });
      const code = await codes.issue(userId, 'confirm-account', address, { passwordHash });
      await ctx.mailer.send(mailTemplates.confirmAccount(address, code));
      await events.record(userId, 'account.registered', meta);
      return answer;
    },

    async confirm(input: { email: string; code: string }, meta: RequestMeta): Promise<Profile> {
      const address = normaliseEmail(input.email);
      const store = await ctx.store();
      const { user, item } = await codes.guarded(address, async () => {
        const user = await store.findUserByEmail(address);
        if (!user || user.status === 'confirmed') throw uniform ? codeNotAccepted() : codeInvalid();
        return {
          user,
          item: await codes.spend(user.userId, 'confirm-account', input.code, uniform, address),
        };
      });
      const updatedAt = isoTime(ctx.clock.now());
      const passwordHash = item.passwordHash ?? user.passwordHash;
      await ctx.eventOutbox.publishWith(userCreated(user), (staged) =>
        store.updateUser(
          user.userId,
          { status: 'confirmed', emailVerified: true, updatedAt, ...(passwordHash ? { passwordHash } : {}) },
          ['ttl'],
          {},
          staged,
        ),
      );
      await events.record(user.userId, 'account.confirmed', meta);
      return toProfile({ ...user, status: 'confirmed', emailVerified: true, updatedAt });
    },

    /** A new confirmation code (the old one is void); unknown and confirmed addresses get a notice instead. */
    async resendCode(input: { email: string }): Promise<CodeDelivery> {
      const address = normaliseEmail(input.email);
      await countAddress(address);
      const user = await (await ctx.store()).findUserByEmail(address);
      if (!user) await ctx.mailer.send(mailTemplates.noAccount(address));
      else if (user.status === 'confirmed') await ctx.mailer.send(mailTemplates.alreadyConfirmed(address));
      else {
        await ctx.mailer.send(mailTemplates.confirmAccount(address, await codes.reissueConfirmation(user)));
      }
      return codeDelivery(address, 'If the address can receive a code, we have sent one');
    },

    async forgotPassword(input: { email: string }): Promise<CodeDelivery> {
      const address = normaliseEmail(input.email);
      await countAddress(address);
      const user = await (await ctx.store()).findUserByEmail(address);
      if (!user) await ctx.mailer.send(mailTemplates.noAccount(address));
      else
        await ctx.mailer.send(
          mailTemplates.resetPassword(address, await codes.issue(user.userId, 'reset-password', address)),
        );
      return codeDelivery(
        address,
        'If the address has an account, we have sent a code to reset its password',
      );
    },

    /**
     * Sets a new password with a mailed code; every session ends (and with them a pending email change)
     * and the address is unlocked. The code is checked before the password policy, so an unknown address
     * and a wrong code answer alike; it must have been mailed to the account's address as it is now.
     */
    async resetPassword(
      input: { email: string; code: string; newPassword: string },
      meta: RequestMeta,
    ): Promise<void> {
      const address = normaliseEmail(input.email);
      const store = await ctx.store();
      const { user, item } = await codes.guarded(address, async () => {
        const user = await store.findUserByEmail(address);
        if (!user) throw uniform ? codeNotAccepted() : codeInvalid();
        return { user, item: await codes.check(user.userId, 'reset-password', input.code, uniform, address) };
      });
      // A password the policy refuses keeps the code for another try.
      const problems = await ctx.policy.check(
        input.newPassword,
        { email: address, name: user.displayName },
        'newPassword',
      );
      if (problems.length > 0) throw passwordPolicy(problems);
      await codes.consume(item, uniform);
      const passwordHash = await ctx.passwords.hash(input.newPassword);
      // The code proves the mailbox, so an unconfirmed account becomes confirmed too.
      const reset = (staged: StagedEvent) =>
        store.updateUser(
          user.userId,
          { passwordHash, status: 'confirmed', emailVerified: true, updatedAt: isoTime(ctx.clock.now()) },
          ['ttl'],
          {},
          staged,
        );
      await (user.status === 'confirmed' ? reset({}) : ctx.eventOutbox.publishWith(userCreated(user), reset));
      await sessions.revokeAll(user.userId, 'password-reset');
      await lockout.clear(loginKey(address));
      await ctx.mailer.send(mailTemplates.passwordChanged(address));
      await events.record(user.userId, 'password.reset', meta);
    },

    /** Changes the password of a signed-in user; their other sessions end, and with them a pending email change. */
    async changePassword(
      principal: Principal,
      input: { currentPassword: string; newPassword: string },
      meta: RequestMeta,
    ): Promise<void> {
      const user = await requireUser(ctx, principal.userId);
      await checkPassword(user, input.currentPassword);
      const problems = await ctx.policy.check(
        input.newPassword,
        { email: user.email, name: user.displayName },
        'newPassword',
      );
      if (problems.length > 0) throw passwordPolicy(problems);
      const passwordHash = await ctx.passwords.hash(input.newPassword);
      await (await ctx.store()).updateUser(user.userId, {
        passwordHash,
        updatedAt: isoTime(ctx.clock.now()),
      });
      await sessions.revokeAll(user.userId, 'password-changed', principal.sessionId);
      await ctx.mailer.send(mailTemplates.passwordChanged(user.email));
      await events.record(user.userId, 'password.changed', meta);
    },

    async profile(principal: Principal): Promise<Profile> {
      return toProfile(await requireUser(ctx, principal.userId));
    },

    /**
     * Updates the display name and avatar. A new email address needs the current password (or a recent
     * sign-in) and takes effect only when the code mailed to it is confirmed; requests are limited per
     * account and per address, and the current address is told. An account whose address a provider
     * never verified may ask for that same address, to prove it.
     */
    async updateProfile(
      principal: Principal,
      input: {
        displayName?: string | undefined;
        avatarUrl?: string | null | undefined;
        email?: string | undefined;
        currentPassword?: string | undefined;
      },
      meta: RequestMeta,
    ): Promise<Profile> {
      const user = await requireUser(ctx, principal.userId);
      const store = await ctx.store();
      const now = isoTime(ctx.clock.now());
      const newEmail = input.email === undefined ? undefined : normaliseEmail(input.email);
      const changes: Partial<UserItem> = { updatedAt: now };
      if (input.displayName !== undefined) changes.displayName = input.displayName;
      if (typeof input.avatarUrl === 'string') changes.avatarUrl = input.avatarUrl;
      if (newEmail !== undefined && (newEmail !== user.email || !user.emailVerified)) {
        await confirmIdentity(user, principal, input.currentPassword);
        await ctx.limits.consume('emailChange', user.userId);
        await countAddress(newEmail);
        const code = await codes.issue(user.userId, 'change-email', newEmail);
        changes.pendingEmail = newEmail;
        await ctx.mailer.send(mailTemplates.confirmNewEmail(newEmail, code));
        // An address the account never proved may not be its owner's: it learns nothing from us.
        if (user.emailVerified) {
          await ctx.mailer.send(mailTemplates.emailChangeRequested(user.email, maskEmail(newEmail)));
        }
        await events.record(user.userId, 'email.change_requested', meta);
      }
      const removed = input.avatarUrl === null ? (['avatarUrl'] as const) : [];
      await store.updateUser(user.userId, changes, [...removed]);
      const updated: UserItem = { ...user, ...changes };
      if (input.avatarUrl === null) delete updated.avatarUrl;
      return toProfile(updated);
    },

    /**
     * Makes the pending address the sign-in address, once its code is right. The session asking must still
     * be live (read from the table, whatever AMPLY_STRICT_REVOCATION says): a password reset or a sign-out
     * everywhere ends the change. Wrong codes count against the new address across codes and accounts.
     */
    async confirmEmailChange(principal: Principal, code: string, meta: RequestMeta): Promise<Profile> {
      const user = await requireUser(ctx, principal.userId);
      await sessions.requireLive(principal);
      const newEmail = user.pendingEmail;
      if (!newEmail) throw codeInvalid('No email change is pending; ask for a new one');
      await codes.guarded(newEmail, () => codes.spend(user.userId, 'change-email', code, false, newEmail));
      const store = await ctx.store();
      const claim = await claimAddress(newEmail, user.userId);
      // Our own claim is left from an earlier attempt that stopped half-way: carry on with it.
      if (!claim.claimed && claim.holder !== user.userId) {
        throw new ConflictError('This address belongs to another account', 'AUTH_USER_EXISTS');
      }
      const updatedAt = isoTime(ctx.clock.now());
      if (
        !(await store.updateUser(
          user.userId,
          { email: newEmail, emailVerified: true, updatedAt },
          ['pendingEmail'],
          { email: user.email },
        ))
      ) {
        await store.releaseEmail(newEmail, user.userId);
        throw new ConflictError('The account changed meanwhile; try again');
      }
      // Reset codes mailed to the old address are void (they would be refused anyway: they name it).
      await codes.discard(user.userId, ['reset-password']);
      if (newEmail !== user.email) {
        await store.releaseEmail(user.email, user.userId);
        if (user.emailVerified) await ctx.mailer.send(mailTemplates.emailChanged(user.email, newEmail));
      }
      await events.record(user.userId, 'email.changed', meta);
      const updated: UserItem = { ...user, email: newEmail, emailVerified: true, updatedAt };
      delete updated.pendingEmail;
      return toProfile(updated);
    },

    /**
     * Confirms a registration without its code. A confirmed account is answered as it is: an address a
     * provider never verified stays unproved (an administrator's click proves no mailbox).
     */
    async adminConfirm(userId: string, meta: RequestMeta, adminId?: string): Promise<Profile> {
      const store = await ctx.store();
      const user = await store.getUser(userId);
      if (!user) throw userNotFound();
      if (user.status === 'confirmed') return toProfile(user);
      const updatedAt = isoTime(ctx.clock.now());
      await ctx.eventOutbox.publishWith(userCreated(user), (staged: StagedEvent) =>
        store.updateUser(
          userId,
          { status: 'confirmed', emailVerified: true, updatedAt },
          ['ttl'],
          {},
          staged,
        ),
      );
      await store.deleteCode(userId, 'confirm-account');
      await events.record(userId, 'account.confirmed_by_admin', meta, adminId ? { adminId } : {});
      return toProfile({ ...user, status: 'confirmed', emailVerified: true, updatedAt });
    },

    /**
     * Operator path (the CLI): makes a confirmed administrator, or gives an existing confirmed account
     * the admin role (an unconfirmed one may have been registered by anybody). Returns the user id and
     * whether the account is new.
     */
    async provisionAdmin(input: {
      email: string;
      password: string;
      name: string;
    }): Promise<{ userId: string; created: boolean }> {
      const address = normaliseEmail(input.email);
      const store = await ctx.store();
      const now = isoTime(ctx.clock.now());
      const existing = await store.findUserByEmail(address);
      if (existing) {
        if (existing.status !== 'confirmed') {
          throw new ForbiddenError('This account is not confirmed; confirm it (or reset its password) first');
        }
        await store.addRole(existing.userId, 'admin', now);
        return { userId: existing.userId, created: false };
      }
      const problems = await ctx.policy.check(input.password, { email: address, name: input.name });
      if (problems.length > 0) throw passwordPolicy(problems);
      const userId = ctx.newId('usr');
      if (!(await claimAddress(address, userId)).claimed) throw userExists();
      const user: UserItem = {
        userId,
        email: address,
        displayName: input.name,
        status: 'confirmed',
        emailVerified: true,
        passwordHash: await ctx.passwords.hash(input.password),
        primaryAuthProvider: 'password',
        roles: ['admin'],
        mfaEnabled: false,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.eventOutbox.publishWith(userCreated(user), (staged) =>
        store.createUser({ ...user, ...staged }),
      );
      return { userId, created: true };
    },

    /** The account with this address, for operator tools. */
    async findByEmail(email: string): Promise<Profile | null> {
      const user = await (await ctx.store()).findUserByEmail(normaliseEmail(email));
      return user ? toProfile(user) : null;
    },

    /** Everything Amply holds about the user, across modules, as one JSON document. Secrets are left out. */
    async exportData(userId: string) {
      const user = await requireUser(ctx, userId);
      const { sessions: sessionItems, securityEvents } = await (await ctx.store()).exportUserItems(
        user.userId,
      );
      const modules = Object.fromEntries(
        await Promise.all(
          contributors().map(async (contributor) => [
            contributor.name,
            await contributor.export(user.userId),
          ]),
        ),
      );
      return {
        exportedAt: isoTime(ctx.clock.now()),
        profile: toProfile(user),
        sessions: sessionItems.map((session) => ({
          sessionId: session.sessionId,
          createdAt: isoTime(session.createdAt),
          expiresAt: isoTime(session.expiresAt),
          revokedAt: session.revokedAt === undefined ? null : isoTime(session.revokedAt),
          methods: session.methods ?? [],
          userAgent: session.userAgent ?? null,
        })),
        securityEvents: securityEvents.map((event) => ({
          type: event.type,
          at: event.at,
          ip: event.ip ?? null,
        })),
        ...modules,
      };
    },

    /**
     * Deletes the account and everything it owns, across modules. The account is marked deleted first,
     * so from that write on every token of it is refused and a write racing the deletion sweeps again
     * (decision 19); the user item and the address claim go last.
     */
    async deleteAccount(principal: Principal, currentPassword: string | undefined): Promise<void> {
      const user = await requireUser(ctx, principal.userId);
      await confirmIdentity(user, principal, currentPassword);
      const deletedAt = isoTime(ctx.clock.now());
      onDeleting(user.userId);
      await (await ctx.store()).updateUser(user.userId, { deletedAt, updatedAt: deletedAt });
      await deletion.finish({ ...user, deletedAt });
      ctx.logger.info({ userId: user.userId }, 'account deleted');
    },

    deletion,
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
