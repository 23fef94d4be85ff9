import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { type Clock, epochSeconds } from '../clock.js';
import { sha256 } from '../security/keyed-hash.js';
import { conditional, deleteAll, GO, key } from './entity-helpers.js';
import { TABLE } from './table.js';

/*
 * `Idempotency-Key` claims of the routes that create things (decisions 16 and 29). The first request with
 * a key claims `IDEM#<sha256(key)>` in the user's partition with a conditional write that holds the
 * request's hash and the id, made in advance, of what it creates: whatever follows comes from the claim
 * alone, so concurrent and later retries create that same thing (with a conditional write of their own)
 * and answer its first result. The same key with another request is refused; after its lifetime a claim
 * is taken over by the next request, conditional on the claim it replaces.
 */

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Conditional writes lost to concurrent claims before the key is answered as busy. */
const ATTEMPTS = 3;

/**
 * Where a module keeps its claims. Every name here is in items already written, so none may change: the
 * ElectroDB entity (name, version, service), the partition over `userId` (the sort key is
 * `IDEM#<keyHash>` for all), and the attribute that holds the id made in advance.
 */
export interface IdempotencyClaimModel {
  entity: string;
  version: string;
  service: string;
  partition: string;
  referenceField: string;
}

/** The ElectroDB entity of one module's claims, as `model` describes it. */
export function createIdempotencyClaimEntity(
  model: IdempotencyClaimModel,
  client: DynamoDBDocumentClient,
  table: string,
) {
  return new Entity(
    {
      model: { entity: model.entity, version: model.version, service: model.service },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        keyHash: { type: 'string', required: true, readOnly: true },
        requestHash: { type: 'string', required: true },
        /** The id of what the first request creates (stored under the module's own attribute name). */
        reference: { type: 'string', required: true, field: model.referenceField },
        /** The first response, as JSON, for a module that answers replays from the claim. */
        result: { type: 'string' },
        claimedAt: { type: 'number', required: true },
        expiresAt: { type: 'number', required: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        byKey: {
          pk: { field: TABLE.partitionKey, ...key(model.partition, ['userId']) },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an ElectroDB key template, filled by ElectroDB
          sk: { field: TABLE.sortKey, ...key('IDEM#${keyHash}', ['keyHash']) },
        },
      },
    },
    { client, table },
  );
}

export type IdempotencyClaimEntity = ReturnType<typeof createIdempotencyClaimEntity>;
export type IdempotencyClaim = EntityItem<IdempotencyClaimEntity>;

/** The module's own answers: the key used with another request (422), and a key that stays contended. */
export interface IdempotencyClaimErrors {
  reused: () => Error;
  busy: () => Error;
}

/** One request under an `Idempotency-Key`. */
export interface ClaimRequest {
  userId: string;
  /** The key as the client sent it (stored only as its hash). */
  key: string;
  /** The module's hash of the request, telling a retry from another request under the same key. */
  requestHash: string;
  clock: Clock;
  /** The id of what this request would create, if its claim is the first. */
  newReference: (at: number) => string;
}

export interface ClaimOutcome {
  claim: IdempotencyClaim;
  /** True when this request made the claim; false when an earlier one did (answer a replay). */
  first: boolean;
}

/** A module's claims on `entity`: claim or replay (or take over an expired claim), complete, delete. */
export function createIdempotencyClaims(entity: IdempotencyClaimEntity, errors: IdempotencyClaimErrors) {
  /** Writes `item` unless a claim exists; `replacing` instead puts it over the claim made at that time. */
  const write = (item: IdempotencyClaim, replacing: number | undefined) =>
    conditional(() =>
      entity
        .put(item)
        .where(({ claimedAt }, { eq, notExists }) =>
          replacing === undefined ? notExists(claimedAt) : eq(claimedAt, replacing),
        )
        .go(GO),
    );

  return {
    /**
     * The live claim of the request's key: this request's own when it is the first (or the earlier claim
     * has expired), else the earlier one. The key used with another request throws `errors.reused`; one
     * that concurrent requests keep claiming throws `errors.busy`.
     */
    async claim(request: ClaimRequest): Promise<ClaimOutcome> {
      const { userId, requestHash, clock } = request;
      const keyHash = sha256(request.key);
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const at = clock.now();
        const existing = (await entity.get({ userId, keyHash }).go({ ...GO, consistent: true })).data;
        if (existing && existing.expiresAt > at) {
          if (existing.requestHash !== requestHash) throw errors.reused();
          return { claim: existing, first: false };
        }
        const expiresAt = at + IDEMPOTENCY_KEY_LIFETIME_MS;
        const claim: IdempotencyClaim = {
          userId,
          keyHash,
          requestHash,
          reference: request.newReference(at),
          claimedAt: at,
          expiresAt,
          ttl: epochSeconds(expiresAt),
        };
        if (await write(claim, existing?.claimedAt)) return { claim, first: true };
      }
      throw errors.busy();
    },

    /** Records the first response on the claim, for replays answered from it. */
    async complete(claim: Pick<IdempotencyClaim, 'userId' | 'keyHash'>, result: string): Promise<void> {
      await entity.patch({ userId: claim.userId, keyHash: claim.keyHash }).set({ result }).go(GO);
    },

    /** Deletes every claim of a user (account deletion; one Query of the partition's claims). */
    async deleteAllOf(userId: string): Promise<void> {
      const claims = await entity.query.byKey({ userId }).go({ ...GO, pages: 'all', consistent: true });
      await deleteAll(
        claims.data.map(({ keyHash }) => ({ userId, keyHash })),
        (batch) => entity.delete(batch).go(GO),
      );
    },
  };
}

export type IdempotencyClaims = ReturnType<typeof createIdempotencyClaims>;
