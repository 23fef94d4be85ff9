import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, GO, key, takeItem } from '../../../data/entity-helpers.js';
import { TABLE } from '../../../data/table.js';

/*
 * SSO's items. A provider identity is owned twice, on purpose (no transactions here):
 * - the claim `IDENTITY#<provider>#<subject>` says which user it belongs to; its key *is* the identity,
 *   so a conditional put makes it unique — an identity can never be linked to two accounts;
 * - the link `USER#<userId> / AUTH#<provider>` lists it in the user's partition (export, deletion, the
 *   providers list), one per provider per user.
 * Linking writes the claim first, then the link; unlinking removes the link first, then the claim. A
 * crash in between leaves a claim without a link, which the next sign-in with that identity repairs.
 */

const ttl = { type: 'number', field: TABLE.ttlAttribute } as const;

export function createSsoEntities(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const linkedIdentity = new Entity(
    {
      model: { entity: 'linkedIdentity', version: '1', service: 'amply' },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        provider: { type: 'string', required: true, readOnly: true },
        subject: { type: 'string', required: true },
        email: { type: 'string' },
        linkedAt: { type: 'string', required: true },
      },
      indexes: {
        byUser: {
          pk: { field: TABLE.partitionKey, ...key('USER#${userId}', ['userId']) },
          sk: { field: TABLE.sortKey, ...key('AUTH#${provider}', ['provider']) },
        },
      },
    },
    config,
  );

  const identityClaim = new Entity(
    {
      model: { entity: 'identityClaim', version: '1', service: 'amply' },
      attributes: {
        provider: { type: 'string', required: true, readOnly: true },
        subject: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        claimedAt: { type: 'string', required: true },
      },
      indexes: {
        byIdentity: {
          pk: {
            field: TABLE.partitionKey,
            ...key('IDENTITY#${provider}#${subject}', ['provider', 'subject']),
          },
          sk: { field: TABLE.sortKey, ...key('IDENTITY', []) },
        },
      },
    },
    config,
  );

  /**
   * The one-time code an SSO callback puts in the frontend redirect, or a mailed sign-in link carries,
   * stored as its SHA-256.
   */
  const signInCode = new Entity(
    {
      model: { entity: 'ssoSignInCode', version: '1', service: 'amply' },
      attributes: {
        codeHash: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        /** The SSO provider, or `email-link` for a mailed link. */
        provider: { type: 'string', required: true, readOnly: true },
        /** For a mailed link: the address it was mailed to; it signs in only while that is the account's. */
        email: { type: 'string', readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
        ttl,
      },
      indexes: {
        byHash: {
          pk: { field: TABLE.partitionKey, ...key('SSOCODE#${codeHash}', ['codeHash']) },
          sk: { field: TABLE.sortKey, ...key('SSOCODE', []) },
        },
      },
    },
    config,
  );

  return { linkedIdentity, identityClaim, signInCode };
}

type Entities = ReturnType<typeof createSsoEntities>;
export type LinkedIdentityItem = EntityItem<Entities['linkedIdentity']>;
export type SignInCodeItem = EntityItem<Entities['signInCode']>;

export function createSsoStore(client: DynamoDBDocumentClient, table: string) {
  const e = createSsoEntities(client, table);
  return {
    /** Who holds this identity, if anyone, and since when. */
    async identityClaim(
      provider: string,
      subject: string,
    ): Promise<{ userId: string; claimedAt: string } | null> {
      const { data } = await e.identityClaim.get({ provider, subject }).go({ ...GO, consistent: true });
      return data ? { userId: data.userId, claimedAt: data.claimedAt } : null;
    },

    /** Claims an identity for a user; false when somebody (maybe this user) holds it already. */
    claimIdentity(provider: string, subject: string, userId: string, claimedAt: string): Promise<boolean> {
      return conditional(() => e.identityClaim.create({ provider, subject, userId, claimedAt }).go(GO));
    },

    /** Releases a claim, only if `userId` holds it. */
    releaseIdentity(provider: string, subject: string, userId: string): Promise<boolean> {
      return conditional(() =>
        e.identityClaim
          .remove({ provider, subject })
          .where((attr, { eq }) => eq(attr.userId, userId))
          .go(GO),
      );
    },

    async getLink(userId: string, provider: string): Promise<LinkedIdentityItem | null> {
      return (await e.linkedIdentity.get({ userId, provider }).go({ ...GO, consistent: true })).data;
    },

    /** Records the link; false when the user has another identity of this provider linked. */
    putLink(item: LinkedIdentityItem): Promise<boolean> {
      return conditional(() =>
        e.linkedIdentity
          .put(item)
          .where(({ subject }, { notExists, eq }) => `${notExists(subject)} OR ${eq(subject, item.subject)}`)
          .go(GO),
      );
    },

    /** Removes the link, only if it is still the identity the caller read. */
    removeLink(userId: string, provider: string, subject: string): Promise<boolean> {
      return conditional(() =>
        e.linkedIdentity
          .remove({ userId, provider })
          .where((attr, { eq }) => eq(attr.subject, subject))
          .go(GO),
      );
    },

    async listLinks(userId: string): Promise<LinkedIdentityItem[]> {
      return (await e.linkedIdentity.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true }))
        .data;
    },

    async putSignInCode(item: SignInCodeItem): Promise<void> {
      await e.signInCode.create(item).go(GO);
    },

    /** Deletes the code and returns what it held: of two exchanges of one code, only one gets it. */
    async takeSignInCode(codeHash: string): Promise<SignInCodeItem | null> {
      return takeItem(() => e.signInCode.remove({ codeHash }).go({ ...GO, response: 'all_old' }));
    },
  };
}

export type SsoStore = ReturnType<typeof createSsoStore>;
