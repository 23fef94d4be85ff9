import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { epochSeconds } from '../clock.js';
import { GO, key, takeItem } from '../data/entity-helpers.js';
import { TABLE } from '../data/table.js';
import { sha256 } from '../security/keyed-hash.js';

/** The flows whose result waits for the starting user to redeem it (a sign-in needs no such step). */
export const HELD_PURPOSES = ['link', 'platform'] as const;

/**
 * A finished connect or link, held under the SHA-256 of its one-time code (the code itself is never
 * stored) until the user who started the flow redeems it. Tokens arrive here already sealed. `ttl` lets
 * DynamoDB remove the item; `take` checks `expiresAt` itself.
 */
function createPendingGrantEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'pendingGrant', version: '1', service: 'amply' },
      attributes: {
        codeHash: { type: 'string', required: true, readOnly: true },
        provider: { type: 'string', required: true, readOnly: true },
        purpose: { type: HELD_PURPOSES, required: true, readOnly: true },
        /** The user who started the flow: the only one who may redeem it. */
        userId: { type: 'string', required: true, readOnly: true },
        /** Who the user is at the provider. */
        subject: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', readOnly: true },
        emailVerified: { type: 'boolean', required: true, readOnly: true },
        name: { type: 'string', readOnly: true },
        /** Sealed. */
        accessToken: { type: 'string', required: true, readOnly: true },
        /** Sealed; absent when the provider issued none. */
        refreshToken: { type: 'string', readOnly: true },
        tokenExpiresIn: { type: 'number', readOnly: true },
        tokenExpiresAt: { type: 'number', readOnly: true },
        scope: { type: 'string', readOnly: true },
        createdAt: { type: 'number', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        byCode: {
          pk: { field: TABLE.partitionKey, ...key('GRANT#${codeHash}', ['codeHash']) },
          sk: { field: TABLE.sortKey, ...key('GRANT', []) },
        },
      },
    },
    { client, table },
  );
}

type PendingGrantItem = EntityItem<ReturnType<typeof createPendingGrantEntity>>;

/** A held grant as stored, without its key: what `hold` takes and `take` gives back. */
export type PendingGrantRecord = Omit<PendingGrantItem, 'codeHash' | 'ttl'>;

export type TakeResult =
  | { status: 'unknown' }
  | { status: 'expired'; grant: PendingGrantRecord }
  | { status: 'ok'; grant: PendingGrantRecord };

/** The held-grant store: hold one per finished connect or link, take it exactly once. */
export function createPendingGrants(client: DynamoDBDocumentClient, table: string) {
  const entity = createPendingGrantEntity(client, table);

  return {
    /** Stores a grant under its code; a (practically impossible) code collision fails the write. */
    async hold(code: string, grant: PendingGrantRecord): Promise<void> {
      await entity.create({ ...grant, codeHash: sha256(code), ttl: epochSeconds(grant.expiresAt) }).go(GO);
    },

    /**
     * Deletes the grant held under `code` and returns what it held. The conditional delete is the claim:
     * of any number of redemptions of one code, exactly one gets the grant; every other finds nothing.
     * An expired grant is deleted too (and reported as such, never as usable).
     */
    async take(code: string, now: number): Promise<TakeResult> {
      const taken = await takeItem<PendingGrantItem>(() =>
        entity.remove({ codeHash: sha256(code) }).go({ ...GO, response: 'all_old' }),
      );
      if (!taken) return { status: 'unknown' };
      const { codeHash: _hash, ttl: _ttl, ...grant } = taken;
      return grant.expiresAt <= now ? { status: 'expired', grant } : { status: 'ok', grant };
    },
  };
}

export type PendingGrants = ReturnType<typeof createPendingGrants>;
