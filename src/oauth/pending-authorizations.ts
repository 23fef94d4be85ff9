import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { epochSeconds } from '../clock.js';
import { GO, key, takeItem } from '../data/entity-helpers.js';
import { TABLE } from '../data/table.js';
import { sha256 } from '../security/keyed-hash.js';
import type { OAuthProviderName } from './providers.js';

/** What an authorization was started for; the callback that completes it must expect the same. */
export const AUTHORIZATION_PURPOSES = ['sso-login', 'link', 'platform'] as const;
export type AuthorizationPurpose = (typeof AUTHORIZATION_PURPOSES)[number];

/**
 * An authorization in flight, kept server-side under the SHA-256 of its `state` (the state itself is
 * never stored). Short-lived: `ttl` lets DynamoDB remove it, and `consume` checks `expiresAt` itself.
 */
function createPendingAuthorizationEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'pendingAuthorization', version: '1', service: 'amply' },
      attributes: {
        stateHash: { type: 'string', required: true, readOnly: true },
        provider: { type: 'string', required: true, readOnly: true },
        purpose: { type: AUTHORIZATION_PURPOSES, required: true, readOnly: true },
        /** The signed-in user, for `link` and `platform`. */
        userId: { type: 'string' },
        codeVerifier: { type: 'string', required: true, readOnly: true },
        /** OpenID providers only. */
        nonce: { type: 'string' },
        /** Already checked against the allowlist. */
        returnTo: { type: 'string' },
        createdAt: { type: 'number', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        byState: {
          pk: { field: TABLE.partitionKey, ...key('OAUTH#${stateHash}', ['stateHash']) },
          sk: { field: TABLE.sortKey, ...key('OAUTH', []) },
        },
      },
    },
    { client, table },
  );
}

type PendingItem = EntityItem<ReturnType<typeof createPendingAuthorizationEntity>>;

/** A started authorization, as `OAuthClient.complete` hands it back. */
export interface PendingAuthorization {
  provider: OAuthProviderName;
  purpose: AuthorizationPurpose;
  userId: string | undefined;
  codeVerifier: string;
  nonce: string | undefined;
  returnTo: string | undefined;
  createdAt: number;
  expiresAt: number;
}

export type ConsumeResult =
  | { status: 'ok'; authorization: PendingAuthorization }
  | { status: 'unknown' }
  | { status: 'expired'; authorization: PendingAuthorization };

/** The pending-authorization store: save one per started flow, consume it exactly once. */
export function createPendingAuthorizations(client: DynamoDBDocumentClient, table: string) {
  const entity = createPendingAuthorizationEntity(client, table);
  const toPending = (item: PendingItem): PendingAuthorization => ({
    provider: item.provider as OAuthProviderName,
    purpose: item.purpose,
    userId: item.userId,
    codeVerifier: item.codeVerifier,
    nonce: item.nonce,
    returnTo: item.returnTo,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt,
  });

  return {
    /** Stores an authorization under its state; a (practically impossible) state collision fails the write. */
    async save(state: string, authorization: PendingAuthorization): Promise<void> {
      await entity
        .create({
          stateHash: sha256(state),
          ...authorization,
          ttl: epochSeconds(authorization.expiresAt),
        })
        .go(GO);
    },

    /**
     * Deletes the authorization stored under `state` and returns what it held. The delete is the claim:
     * of two callbacks carrying one state, only one gets the item back (a conditional delete). Expired items are deleted too.
     */
    async consume(state: string, now: number): Promise<ConsumeResult> {
      const data = await takeItem<PendingItem>(() =>
        entity.remove({ stateHash: sha256(state) }).go({ ...GO, response: 'all_old' }),
      );
      if (!data) return { status: 'unknown' };
      const authorization = toPending(data);
      return authorization.expiresAt <= now
        ? { status: 'expired', authorization }
        : { status: 'ok', authorization };
    },
  };
}

export type PendingAuthorizations = ReturnType<typeof createPendingAuthorizations>;
