import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../data/database.js';
import { lazy } from '../lazy.js';
import type { Logger } from '../logger.js';
import type { SecretBox } from '../security/secret-box.js';
import type { CompletedAuthorization, OAuthClient, ProviderIdentity, ProviderTokens } from './client.js';
import { redemptionCodeExpired, redemptionCodeInvalid, startedByAnotherAccount } from './errors.js';
// Types only: the store (and ElectroDB with the AWS SDK) loads when a flow first needs it (decision 6).
import type { HELD_PURPOSES, PendingGrantRecord } from './pending-grant-store.js';
import type { OAuthProviderName } from './providers.js';

export type HeldPurpose = (typeof HELD_PURPOSES)[number];

/** The one-time code in the frontend redirect lives this long. */
const REDEMPTION_CODE_TTL_MS = 60 * 1000;

/** A finished connect or link, as the user who started it gets it back. Secrets: never log them. */
export interface HeldGrant {
  provider: OAuthProviderName;
  purpose: HeldPurpose;
  /** The user who started the flow. */
  userId: string;
  tokens: ProviderTokens;
  identity: ProviderIdentity;
}

/** What a redemption must match: the flow the frontend completes, and who is signed in. */
export interface ExpectedRedemption {
  provider: OAuthProviderName;
  purpose: HeldPurpose;
  userId: string;
}

export interface GrantRedemptionDeps {
  db: Database;
  secretBox: SecretBox;
  oauth: OAuthClient;
  clock: Clock;
  logger: Logger;
}

/**
 * Binds a connect or link to the browser session that started it (RFC 9700 §4.7 asks a client to). The
 * callback cannot tell whose browser finished the flow at the provider, so it stores nothing for anyone:
 * it holds the result — tokens sealed like a connection's, bound to user, provider, flow and token kind —
 * for 60 seconds under a one-time code and hands the code to the frontend, which redeems it with its own
 * bearer token. Only the user who started the flow gets the grant; anyone else's redemption discards it,
 * revokes its tokens at the provider where it can, and is reported to the starter (docs/decisions/0039).
 */
export function createGrantRedemption({ db, secretBox: box, oauth, clock, logger }: GrantRedemptionDeps) {
  const grants = lazy(async () => {
    const { createPendingGrants } = await import('./pending-grant-store.js');
    return createPendingGrants(await db.documentClient(), db.tableName);
  });
  const context = (
    grant: { userId: string; provider: string; purpose: HeldPurpose },
    kind: 'access' | 'refresh',
  ) => `pending-grant:${grant.userId}:${grant.provider}:${grant.purpose}:${kind}`;

  function open(record: PendingGrantRecord): HeldGrant {
    return {
      provider: record.provider as OAuthProviderName,
      purpose: record.purpose,
      userId: record.userId,
      tokens: {
        accessToken: box.open(record.accessToken, context(record, 'access')),
        refreshToken: record.refreshToken
          ? box.open(record.refreshToken, context(record, 'refresh'))
          : undefined,
        expiresIn: record.tokenExpiresIn,
        expiresAt: record.tokenExpiresAt,
        scope: record.scope,
      },
      identity: {
        subject: record.subject,
        email: record.email,
        emailVerified: record.emailVerified,
        name: record.name,
      },
    };
  }

  /** Ends a discarded grant at the provider: refresh token first (that ends the grant at most), then access. */
  async function revoke(grant: HeldGrant): Promise<void> {
    const { refreshToken, accessToken } = grant.tokens;
    const tokens = [
      ...(refreshToken ? [['refresh_token', refreshToken] as const] : []),
      ['access_token', accessToken] as const,
    ];
    for (const [hint, token] of tokens) {
      try {
        if (!(await oauth.revoke(grant.provider, token, hint))) return; // no revocation endpoint
      } catch (error) {
        logger.warn(
          { provider: grant.provider, failure: error instanceof Error ? error.name : 'unknown' },
          'revoking a discarded grant failed; it is discarded anyway',
        );
      }
    }
  }

  return {
    /** Holds a finished connect or link (started by a signed-in user) and answers its one-time code. */
    async hold({ authorization, tokens, identity }: CompletedAuthorization): Promise<string> {
      const { provider, purpose, userId } = authorization;
      if ((purpose !== 'link' && purpose !== 'platform') || !userId) {
        throw new Error(`only a signed-in user's link or connect is held, not ${purpose}`);
      }
      const code = randomBytes(32).toString('base64url');
      const now = clock.now();
      const bound = { userId, provider, purpose };
      await (await grants()).hold(code, {
        ...bound,
        subject: identity.subject,
        emailVerified: identity.emailVerified,
        ...(identity.email ? { email: identity.email } : {}),
        ...(identity.name ? { name: identity.name } : {}),
        accessToken: box.seal(tokens.accessToken, context(bound, 'access')),
        ...(tokens.refreshToken
          ? { refreshToken: box.seal(tokens.refreshToken, context(bound, 'refresh')) }
          : {}),
        ...(tokens.expiresIn !== undefined ? { tokenExpiresIn: tokens.expiresIn } : {}),
        ...(tokens.expiresAt !== undefined ? { tokenExpiresAt: tokens.expiresAt } : {}),
        ...(tokens.scope !== undefined ? { scope: tokens.scope } : {}),
        createdAt: now,
        expiresAt: now + REDEMPTION_CODE_TTL_MS,
      });
      return code;
    },

    /**
     * Redeems a code, once: the grant if `expected.userId` started it for `expected`'s provider and flow
     * within the last 60 seconds. Otherwise the grant is discarded and revoked upstream, and the answer is
     * `OAUTH_STARTED_BY_ANOTHER_ACCOUNT` (403; `onForeign` is told first, with the grant's starter),
     * `AUTH_CODE_EXPIRED`, or `AUTH_CODE_INVALID` (unknown, spent, or another provider's or flow's code).
     */
    async redeem(
      code: string,
      expected: ExpectedRedemption,
      onForeign: (starterId: string) => Promise<void>,
    ): Promise<HeldGrant> {
      const taken = await (await grants()).take(code, clock.now());
      if (taken.status === 'unknown') throw redemptionCodeInvalid();
      const grant = open(taken.grant);
      if (grant.userId !== expected.userId) {
        logger.warn(
          {
            provider: grant.provider,
            purpose: grant.purpose,
            starterId: grant.userId,
            redeemerId: expected.userId,
          },
          'a connect or link was redeemed by another account than its starter; discarded',
        );
        await revoke(grant);
        await onForeign(grant.userId);
        throw startedByAnotherAccount();
      }
      if (taken.status === 'expired') {
        await revoke(grant);
        throw redemptionCodeExpired();
      }
      if (grant.provider !== expected.provider || grant.purpose !== expected.purpose) {
        await revoke(grant);
        throw redemptionCodeInvalid();
      }
      return grant;
    },
  };
}

export type GrantRedemption = ReturnType<typeof createGrantRedemption>;
