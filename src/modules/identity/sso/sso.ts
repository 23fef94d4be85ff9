import { randomBytes } from 'node:crypto';
import { epochSeconds, isoTime } from '../../../clock.js';
import type { Config } from '../../../config.js';
import { ConflictError, DomainError } from '../../../errors.js';
import type { CompletedAuthorization, OAuthClient, ProviderIdentity } from '../../../oauth/client.js';
import { callbackFailureReason } from '../../../oauth/errors.js';
import type { GrantRedemption } from '../../../oauth/grant-redemption.js';
import { SSO_PROVIDERS, type SsoProviderName } from '../../../oauth/providers.js';
import { checkReturnTo } from '../../../oauth/return-to.js';
import { sha256 } from '../../../security/keyed-hash.js';
import type { Principal } from '../../../security/tokens.js';
import type { PlatformConnector } from '../../platform-connector.js';
import type { UserDataContributor } from '../../user-data.js';
import { userCreated } from '../accounts/accounts.js';
import { addressClaimer, isAbandonedRegistration, STALE_CLAIM_MS } from '../accounts/address-claims.js';
import { claimLoginMethodsChange, requireUser } from '../accounts/users.js';
import type { SecurityEvents } from '../audit/security-events.js';
import { type IdentityContext, normaliseEmail, type RequestMeta } from '../context.js';
import {
  accountLinkRequired,
  codeExpired,
  codeInvalid,
  identityLinkedElsewhere,
  lastLoginMethod,
  providerAlreadyLinked,
  providerNotLinked,
  ssoEmailRequired,
  userDisabled,
} from '../errors.js';
import type { TokenSet } from '../sessions/schemas.js';
import type { AuthMethod, Sessions } from '../sessions/sessions.js';
import type { Reauthentication } from '../sign-in/reauthentication.js';
import type { MfaChallenge } from '../sign-in/schemas.js';
import { EMAIL_LINK } from '../sign-in/sign-in-links.js';
import type { UserItem } from '../store.js';
import type { LinkedProviderView } from './schemas.js';
import type { SsoStore } from './sso-store.js';

/** The one-time code in the frontend redirect lives this long. */
const SIGN_IN_CODE_TTL_MS = 60 * 1000;

/** What SSO needs beyond identity's own context. */
export interface SsoContext extends IdentityContext {
  oauth: OAuthClient;
  /** Holds a finished link until the user who started it redeems its one-time code. */
  grants: GrantRedemption;
  ssoStore: () => Promise<SsoStore>;
  config: IdentityContext['config'] & Pick<Config, 'frontendUrl' | 'oauth'>;
  /** Connections, when that module runs: a Spotify sign-in or link also connects Spotify. */
  platformConnector: () => PlatformConnector | undefined;
}

/**
 * SSO sign-in and account linking (README, "SSO"; decision 12). Identities are keyed by (provider, subject); an
 * email only ever links a sign-in to an existing account when the provider is trusted, says the address
 * is verified, and the account's address is verified too (docs/decisions/0012).
 */
export function createSso(
  ctx: SsoContext,
  parts: {
    sessions: Sessions;
    events: SecurityEvents;
    reauthentication: Reauthentication;
    challengeFor: (user: UserItem, method: AuthMethod, meta: RequestMeta) => Promise<MfaChallenge>;
    /** How many passkeys the user has: each is a way to sign in. */
    passkeyCount: (userId: string) => Promise<number>;
  },
) {
  const { sessions, events, reauthentication, challengeFor, passkeyCount } = parts;
  const claimAddress = addressClaimer(ctx);
  const now = () => ctx.clock.now();
  const callbackPage = (fragment: Record<string, string>) =>
    `${ctx.config.frontendUrl}/auth/callback#${new URLSearchParams(fragment).toString()}`;

  /** Claims the identity for the user (or finds it theirs already) and records the link. */
  async function link(user: UserItem, provider: SsoProviderName, identity: ProviderIdentity): Promise<void> {
    const sso = await ctx.ssoStore();
    const linkedAt = isoTime(now());
    if (!(await sso.claimIdentity(provider, identity.subject, user.userId, linkedAt))) {
      const claim = await sso.identityClaim(provider, identity.subject);
      if (claim?.userId !== user.userId) throw identityLinkedElsewhere();
    }
    const written = await sso.putLink({
      userId: user.userId,
      provider,
      subject: identity.subject,
      ...(identity.email ? { email: normaliseEmail(identity.email) } : {}),
      linkedAt,
    });
    if (!written) {
      await sso.releaseIdentity(provider, identity.subject, user.userId);
      throw providerAlreadyLinked();
    }
  }

  /** A new account for a first sign-in. Its address is claimed only when the provider verified it. */
  async function createAccount(provider: SsoProviderName, identity: ProviderIdentity, address: string) {
    const store = await ctx.store();
    const sso = await ctx.ssoStore();
    const at = now();
    const userId = ctx.newId('usr', at);
    // The identity first: two first sign-ins racing make one account, and a crash after this leaves
    // claims (identity, address) whose user does not exist, which the next sign-in releases once stale.
    if (!(await sso.claimIdentity(provider, identity.subject, userId, isoTime(at)))) {
      throw new ConflictError('This sign-in is being set up by another request; try again');
    }
    if (identity.emailVerified && !(await claimAddress(address, userId)).claimed) {
      await sso.releaseIdentity(provider, identity.subject, userId);
      throw accountLinkRequired();
    }
    const user: UserItem = {
      userId,
      email: address,
      displayName: identity.name?.trim().slice(0, 100) || address.split('@')[0] || address,
      status: 'confirmed',
      emailVerified: identity.emailVerified,
      primaryAuthProvider: provider,
      mfaEnabled: false,
      createdAt: isoTime(at),
      updatedAt: isoTime(at),
    };
    await ctx.eventOutbox.publishWith(userCreated(user), (staged) =>
      store.createUser({ ...user, ...staged }),
    );
    await sso.putLink({ userId, provider, subject: identity.subject, email: address, linkedAt: isoTime(at) });
    return user;
  }

  /** The account an SSO sign-in belongs to: by identity, else by the linking rule, else a new one. */
  async function accountFor(
    provider: SsoProviderName,
    identity: ProviderIdentity,
    meta: RequestMeta,
  ): Promise<UserItem> {
    const store = await ctx.store();
    const sso = await ctx.ssoStore();
    const claim = await sso.identityClaim(provider, identity.subject);
    if (claim) {
      const user = await store.getUser(claim.userId);
      if (user) {
        // Repairs a link lost between the claim and the link write.
        if (!(await sso.getLink(user.userId, provider))) await link(user, provider, identity);
        return user;
      }
      // A claim without its user: a first sign-in still being set up, or one that crashed half-way.
      if (now() - Date.parse(claim.claimedAt) < STALE_CLAIM_MS) {
        throw new ConflictError('This sign-in is being set up by another request; try again');
      }
      await sso.releaseIdentity(provider, identity.subject, claim.userId);
    }
    if (!identity.email) throw ssoEmailRequired();
    const address = normaliseEmail(identity.email);
    const found = await store.findUserByEmail(address);
    // A registration abandoned unconfirmed proved no mailbox; the sign-in replaces it, as registering would.
    const existing = found && !isAbandonedRegistration(found, now()) ? found : null;
    if (existing) {
      const trusted = ctx.config.oauth.trustedProviders.includes(provider);
      const linkable =
        trusted &&
        identity.emailVerified &&
        existing.emailVerified &&
        existing.status === 'confirmed' &&
        !existing.autoLinkRefused?.includes(provider);
      if (!linkable) {
        await events.record(existing.userId, 'sso.link_refused', meta, { reason: provider });
        throw accountLinkRequired();
      }
      await link(existing, provider, identity);
      await claimLoginMethodsChange(ctx, existing, { allow: provider });
      await events.record(existing.userId, 'identity.linked', meta, { reason: provider });
      return existing;
    }
    const user = await createAccount(provider, identity, address);
    await events.record(user.userId, 'account.registered', meta, { reason: provider });
    return user;
  }

  /** A Spotify sign-in or link also connects Spotify, as MultiMusic v1's Spotify login did. */
  async function connectPlatform(
    provider: SsoProviderName,
    userId: string,
    completed: Pick<CompletedAuthorization, 'tokens' | 'identity'>,
  ) {
    const connector = ctx.platformConnector();
    if (provider === 'spotify' && connector) {
      await connector.saveConnection(userId, 'spotify', {
        tokens: completed.tokens,
        identity: completed.identity,
      });
    }
  }

  async function finishSignIn(
    provider: SsoProviderName,
    completed: CompletedAuthorization,
    meta: RequestMeta,
  ) {
    const user = await accountFor(provider, completed.identity, meta);
    await connectPlatform(provider, user.userId, completed);
    const code = randomBytes(32).toString('base64url');
    const expiresAt = now() + SIGN_IN_CODE_TTL_MS;
    await (await ctx.ssoStore()).putSignInCode({
      codeHash: sha256(code),
      userId: user.userId,
      provider,
      expiresAt,
      ttl: epochSeconds(expiresAt),
    });
    return { code };
  }

  /** A link's callback stores nothing: it hands the frontend a code only the user who started the link can redeem. */
  async function holdLink(provider: SsoProviderName, completed: CompletedAuthorization) {
    return { link_code: await ctx.grants.hold(completed), provider };
  }

  const returnToChecked = (returnTo: string | undefined) =>
    returnTo === undefined ? undefined : checkReturnTo(returnTo, ctx.config.oauth.returnToAllowlist);

  return {
    /** `POST /auth/{provider}/login`: where to send the browser to sign in. */
    async startSsoLogin(provider: SsoProviderName, returnTo: string | undefined) {
      return ctx.oauth.start(provider, { purpose: 'sso-login', ...withReturnTo(returnToChecked(returnTo)) });
    },

    /** `POST /user/auth-providers/{provider}/link`: a sensitive change, so it needs a recent sign-in or the password. */
    async startLink(
      principal: Principal,
      provider: SsoProviderName,
      input: { returnTo?: string | undefined; currentPassword?: string | undefined },
    ) {
      const user = await requireUser(ctx, principal.userId);
      const checked = returnToChecked(input.returnTo);
      ctx.oauth.requireProvider(provider);
      await reauthentication.confirmIdentity(user, principal, input.currentPassword);
      return ctx.oauth.start(provider, { purpose: 'link', userId: user.userId, ...withReturnTo(checked) });
    },

    /**
     * `GET /auth/{provider}/callback`: completes a sign-in or a link and answers with the frontend URL to
     * redirect to — `#code=…` (a one-time code, never tokens), `#link_code=…&provider=<provider>` (a code
     * for `POST /user/auth-providers/{provider}/complete`; nothing is linked yet), or `#error=<reason>`.
     * A success carries the flow's `state` too: the frontend compares it with the state its own
     * `POST /auth/{provider}/login` returned, so a sign-in started by someone else (login CSRF) is dropped.
     */
    async completeCallback(
      provider: SsoProviderName,
      query: URLSearchParams,
      meta: RequestMeta,
    ): Promise<string> {
      try {
        const completed = await ctx.oauth.complete(provider, query, ['sso-login', 'link']);
        const outcome =
          completed.authorization.purpose === 'link'
            ? await holdLink(provider, completed)
            : await finishSignIn(provider, completed, meta);
        const { returnTo } = completed.authorization;
        return callbackPage({
          ...outcome,
          state: query.get('state') as string,
          ...(returnTo ? { returnTo } : {}),
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // `reason`, not `code`: the log redacts `code` (it usually holds a secret).
        const reason = redirectReason(error);
        ctx.logger.info({ provider, reason }, 'sso callback refused');
        return callbackPage({ error: reason });
      }
    },

    /**
     * `POST /user/auth-providers/{provider}/complete`: links the identity held under `code`, for the user who
     * started the link only. Another user's redemption links nothing for anyone, revokes the provider's
     * tokens where it can, tells the starter (a security event without the redeemer's address) and
     * answers 403.
     */
    async completeLink(principal: Principal, provider: SsoProviderName, code: string, meta: RequestMeta) {
      const grant = await ctx.grants.redeem(
        code,
        { provider, purpose: 'link', userId: principal.userId },
        (starter) =>
          events.record(starter, 'identity.link_redeemed_elsewhere', undefined, { reason: provider }),
      );
      const user = await requireUser(ctx, principal.userId);
      await link(user, provider, grant.identity);
      await claimLoginMethodsChange(ctx, user, { allow: provider });
      await connectPlatform(provider, user.userId, grant);
      await events.record(user.userId, 'identity.linked', meta, { reason: provider });
      return { provider, linked: true as const };
    },

    /**
     * `POST /auth/token`: the one-time code from an SSO redirect (60 s) or a mailed sign-in link (an hour)
     * → tokens (or the TOTP step), once. A link signs in only while the account's address is still the
     * proved address it was mailed to.
     */
    async exchangeSignInCode(code: string, meta: RequestMeta): Promise<TokenSet | MfaChallenge> {
      const notValid = () => codeInvalid('This sign-in code is not valid or was already used; sign in again');
      const item = await (await ctx.ssoStore()).takeSignInCode(sha256(code));
      if (!item) throw notValid();
      if (item.expiresAt <= now()) throw codeExpired();
      const user = await (await ctx.store()).getUser(item.userId);
      if (!user) throw notValid();
      const method: AuthMethod = item.provider === EMAIL_LINK ? 'email-link' : 'sso';
      if (method === 'email-link' && (item.email !== user.email || !user.emailVerified)) throw notValid();
      if (user.disabledAt !== undefined) throw userDisabled();
      if (user.mfaEnabled) return challengeFor(user, method, meta);
      const [tokens] = await Promise.all([
        sessions.start(user, [method], meta),
        events.record(user.userId, 'login.succeeded', meta, { reason: item.provider }),
      ]);
      return tokens;
    },

    /** `GET /user/auth-providers`: every SSO provider configured here or linked, with the link if any. */
    async listAuthProviders(principal: Principal): Promise<LinkedProviderView[]> {
      const links = await (await ctx.ssoStore()).listLinks(principal.userId);
      return SSO_PROVIDERS.filter(
        (provider) => ctx.oauth.provider(provider) || links.some((item) => item.provider === provider),
      ).map((provider) => {
        const item = links.find((candidate) => candidate.provider === provider);
        return {
          provider,
          email: item?.email ?? null,
          linked: item !== undefined,
          linkedAt: item?.linkedAt ?? null,
        };
      });
    },

    /**
     * `DELETE /user/auth-providers/{provider}`: refused when it is the last way to sign in. Like linking,
     * it needs a recent sign-in or the password: an older stolen token must not remove the owner's way in.
     */
    async unlink(
      principal: Principal,
      provider: SsoProviderName,
      currentPassword: string | undefined,
      meta: RequestMeta,
    ): Promise<void> {
      const user = await requireUser(ctx, principal.userId);
      await reauthentication.confirmIdentity(user, principal, currentPassword);
      const sso = await ctx.ssoStore();
      const links = await sso.listLinks(user.userId);
      const item = links.find((candidate) => candidate.provider === provider);
      if (!item) throw providerNotLinked();
      if (!user.passwordHash && links.length === 1 && (await passkeyCount(user.userId)) === 0) {
        throw lastLoginMethod();
      }
      // Claims the change against the version read with the user: a racing unlink (or link) fails here.
      await claimLoginMethodsChange(ctx, user, { refuse: provider });
      await sso.removeLink(user.userId, provider, item.subject);
      await sso.releaseIdentity(provider, item.subject, user.userId);
      await events.record(user.userId, 'identity.unlinked', meta, { reason: provider });
    },

    /** Linked identities in the export and in account deletion. */
    contributor: {
      name: 'authProviders',
      async export(userId: string) {
        const links = await (await ctx.ssoStore()).listLinks(userId);
        return links.map((item) => ({
          provider: item.provider,
          providerUserId: item.subject,
          email: item.email ?? null,
          linkedAt: item.linkedAt,
        }));
      },
      async delete(userId: string) {
        const sso = await ctx.ssoStore();
        for (const item of await sso.listLinks(userId)) {
          await sso.removeLink(userId, item.provider, item.subject);
          await sso.releaseIdentity(item.provider, item.subject, userId);
        }
      },
    } satisfies UserDataContributor,
  };
}

export type Sso = ReturnType<typeof createSso>;

const withReturnTo = (returnTo: string | undefined) => (returnTo === undefined ? {} : { returnTo });

/** The short, stable reason put in `#error=`; never anything the provider sent. */
function redirectReason(error: DomainError): string {
  const reason = callbackFailureReason(error);
  if (reason !== undefined) return reason;
  switch (error.code) {
    case 'ACCOUNT_LINK_REQUIRED':
      return 'account_link_required';
    case 'AUTH_IDENTITY_LINKED_ELSEWHERE':
      return 'identity_linked_elsewhere';
    case 'AUTH_PROVIDER_ALREADY_LINKED':
      return 'provider_already_linked';
    case 'AUTH_SSO_EMAIL_REQUIRED':
      return 'email_required';
    default:
      return 'sign_in_failed';
  }
}
