import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, GO, key, takeItem } from '../../../data/entity-helpers.js';
import { TABLE } from '../../../data/table.js';

/*
 * Passkeys' items (decision 50). A credential is owned twice, like an SSO identity (no transactions here):
 * - the claim `PASSKEYCRED#<credentialId>` says which user and passkey it belongs to; its key *is* the
 *   credential id, so a conditional put keeps one credential on one account;
 * - the passkey `USER#<userId> / PASSKEY#<passkeyId>` holds the public key and counter in the user's
 *   partition (list, export, deletion).
 * Registering writes the claim first, then the passkey; removing deletes the passkey first, then the claim.
 * A crash in between leaves a claim without a passkey: it signs nobody in, and registering the same
 * credential again for the same user reuses it.
 * A ceremony's challenge is its own short-lived item, keyed by its hash and deleted when it is used.
 */

const ttl = { type: 'number', field: TABLE.ttlAttribute } as const;

export function createPasskeyEntities(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const passkey = new Entity(
    {
      model: { entity: 'passkey', version: '1', service: 'amply' },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        passkeyId: { type: 'string', required: true, readOnly: true },
        /** The credential id as the browser reports it (base64url). */
        credentialId: { type: 'string', required: true, readOnly: true },
        /** The COSE public key, base64url. Not a secret, but never shown: nothing outside needs it. */
        publicKey: { type: 'string', required: true, readOnly: true },
        /** The authenticator's signature counter as last seen; 0 for authenticators that keep none. */
        counter: { type: 'number', required: true },
        transports: { type: 'list', items: { type: 'string' } },
        name: { type: 'string', required: true },
        /** `singleDevice` or `multiDevice` (synced), as the authenticator said at registration. */
        deviceType: { type: 'string', required: true },
        backedUp: { type: 'boolean', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        lastUsedAt: { type: 'string' },
      },
      indexes: {
        byUser: {
          pk: { field: TABLE.partitionKey, ...key('USER#${userId}', ['userId']) },
          sk: { field: TABLE.sortKey, ...key('PASSKEY#${passkeyId}', ['passkeyId']) },
        },
      },
    },
    config,
  );

  const credentialClaim = new Entity(
    {
      model: { entity: 'passkeyCredential', version: '1', service: 'amply' },
      attributes: {
        credentialId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        passkeyId: { type: 'string', required: true, readOnly: true },
        claimedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byCredential: {
          pk: { field: TABLE.partitionKey, ...key('PASSKEYCRED#${credentialId}', ['credentialId']) },
          sk: { field: TABLE.sortKey, ...key('PASSKEYCRED', []) },
        },
      },
    },
    config,
  );

  /** A ceremony's challenge, stored as its SHA-256, bound to its purpose (and, to register, its user). */
  const challenge = new Entity(
    {
      model: { entity: 'passkeyChallenge', version: '1', service: 'amply' },
      attributes: {
        challengeHash: { type: 'string', required: true, readOnly: true },
        purpose: { type: ['register', 'sign-in'] as const, required: true, readOnly: true },
        userId: { type: 'string', readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
        ttl,
      },
      indexes: {
        byHash: {
          pk: { field: TABLE.partitionKey, ...key('PASSKEYCHALLENGE#${challengeHash}', ['challengeHash']) },
          sk: { field: TABLE.sortKey, ...key('PASSKEYCHALLENGE', []) },
        },
      },
    },
    config,
  );

  return { passkey, credentialClaim, challenge };
}

type Entities = ReturnType<typeof createPasskeyEntities>;
export type PasskeyItem = EntityItem<Entities['passkey']>;
export type PasskeyChallengeItem = EntityItem<Entities['challenge']>;
export type CeremonyPurpose = PasskeyChallengeItem['purpose'];

/** Passkeys' data access, with failed conditions as results. */
export function createPasskeyStore(client: DynamoDBDocumentClient, table: string) {
  const e = createPasskeyEntities(client, table);
  return {
    async putChallenge(item: PasskeyChallengeItem): Promise<void> {
      await e.challenge.create(item).go(GO);
    },

    /**
     * Deletes the challenge and returns what it held. The delete is conditional (on the item existing):
     * that is the claim, so of any number of uses of one challenge exactly one gets it on every engine.
     */
    takeChallenge(challengeHash: string): Promise<PasskeyChallengeItem | null> {
      return takeItem(() => e.challenge.remove({ challengeHash }).go({ ...GO, response: 'all_old' }));
    },

    /** Claims a credential for a user's passkey; false when somebody (maybe this user) holds it already. */
    claimCredential(item: { credentialId: string; userId: string; passkeyId: string; claimedAt: string }) {
      return conditional(() => e.credentialClaim.create(item).go(GO));
    },

    /** Who holds this credential, and as which passkey. */
    async credentialClaim(credentialId: string): Promise<{ userId: string; passkeyId: string } | null> {
      const { data } = await e.credentialClaim.get({ credentialId }).go({ ...GO, consistent: true });
      return data ? { userId: data.userId, passkeyId: data.passkeyId } : null;
    },

    /** Releases a claim, only if `userId` holds it. */
    releaseCredential(credentialId: string, userId: string): Promise<boolean> {
      return conditional(() =>
        e.credentialClaim
          .remove({ credentialId })
          .where((attr, { eq }) => eq(attr.userId, userId))
          .go(GO),
      );
    },

    /** Stores a new passkey; false when that id exists (never in practice: ids are random). */
    createPasskey(item: PasskeyItem): Promise<boolean> {
      return conditional(() => e.passkey.create(item).go(GO));
    },

    async getPasskey(userId: string, passkeyId: string): Promise<PasskeyItem | null> {
      return (await e.passkey.get({ userId, passkeyId }).go({ ...GO, consistent: true })).data;
    },

    async listPasskeys(userId: string): Promise<PasskeyItem[]> {
      return (await e.passkey.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true })).data;
    },

    /** Renames a passkey; false when it does not exist. */
    renamePasskey(userId: string, passkeyId: string, name: string): Promise<boolean> {
      return conditional(() => e.passkey.patch({ userId, passkeyId }).set({ name }).go(GO));
    },

    /**
     * Records a sign-in: the counter moves forward (or stays 0 for an authenticator that keeps none);
     * false when the stored counter is already at or past `counter` — a cloned authenticator, or a
     * sign-in that raced a later one.
     */
    recordUse(userId: string, passkeyId: string, counter: number, lastUsedAt: string): Promise<boolean> {
      return conditional(() =>
        e.passkey
          .patch({ userId, passkeyId })
          .set({ counter, lastUsedAt })
          .where((attr, { eq, lt }) => (counter > 0 ? lt(attr.counter, counter) : eq(attr.counter, 0)))
          .go(GO),
      );
    },

    /** Deletes a passkey and returns it; null when it was not there (or another removal came first). */
    removePasskey(userId: string, passkeyId: string): Promise<PasskeyItem | null> {
      return takeItem(() => e.passkey.remove({ userId, passkeyId }).go({ ...GO, response: 'all_old' }));
    },
  };
}

export type PasskeyStore = ReturnType<typeof createPasskeyStore>;
