import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { isConditionFailure } from '../../data/database.js';
import { conditional, deleteAll, GO, key } from '../../data/entity-helpers.js';
import { TABLE } from '../../data/table.js';
import type { StagedEvent } from '../../events/events.js';
import { stagedEventAttributes, stagedUpdate } from '../../events/staged-events.js';

/*
 * Identity's items. Everything a user owns here lives in the partition `USER#<userId>`, so export
 * and deletion are one Query. Unique values (an email address) get an item whose key *is* the value,
 * claimed with a conditional put. Short-lived items carry `ttl`; readers also check expiry themselves
 * because DynamoDB deletes expired items late and the embedded engine never does.
 */

const SERVICE = 'amply';

function userPartition() {
  return { field: TABLE.partitionKey, ...key('USER#${userId}', ['userId']) };
}

const ttl = { type: 'number', field: TABLE.ttlAttribute } as const;

/** A user id no account can have (ids are `usr_` + 26 ULID characters). */
const NO_USER = 'usr_none';

export function createIdentityEntities(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const user = new Entity(
    {
      model: { entity: 'user', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        displayName: { type: 'string', required: true },
        avatarUrl: { type: 'string' },
        status: { type: ['unconfirmed', 'confirmed'] as const, required: true },
        emailVerified: { type: 'boolean', required: true },
        passwordHash: { type: 'string' },
        primaryAuthProvider: { type: 'string', required: true },
        roles: { type: 'set', items: 'string' },
        mfaEnabled: { type: 'boolean', required: true, default: false },
        /** The active TOTP secret, sealed with the encryption key. */
        mfaSecret: { type: 'string' },
        /** A secret being set up, not yet proven by a code. */
        mfaPendingSecret: { type: 'string' },
        /** The last TOTP time step accepted; a code from it or earlier is a replay. */
        mfaLastTimeStep: { type: 'number' },
        recoveryCodeHashes: { type: 'set', items: 'string' },
        pendingEmail: { type: 'string' },
        /** Bumped by every SSO link and unlink and passkey removal, so two racing removals cannot take the last way in. */
        loginMethodsVersion: { type: 'number' },
        /**
         * Providers the user unlinked: a sign-in with one of them is not linked to this account by email
         * again (only from settings), or unlinking a trusted provider would not keep it out.
         */
        autoLinkRefused: { type: 'set', items: 'string' },
        /** Set first when the account is deleted: from then on it is gone for every token (decision 19). */
        deletedAt: { type: 'string' },
        /** Set while an administrator has disabled the account: its tokens are refused (decision 19). */
        disabledAt: { type: 'string' },
        /**
         * The address's first character: the admin search index's partition (gsi1), so the index is spread
         * over many partitions and a prefix search reads one. Follows `email` on every write that sets it.
         */
        emailInitial: {
          type: 'string',
          watch: ['email'],
          set: (_, { email }) => (typeof email === 'string' ? email.slice(0, 1) : undefined),
        },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** Only while unconfirmed: an abandoned registration cleans itself up. */
        ttl,
        ...stagedEventAttributes,
      },
      indexes: {
        byId: { pk: userPartition(), sk: { field: TABLE.sortKey, ...key('PROFILE', []) } },
        /** Admin search by address prefix (decision 49): `USEREMAIL#<first character>` / `<email>#<userId>`. */
        byEmailPrefix: {
          index: 'gsi1',
          pk: {
            field: TABLE.indexes.gsi1.partitionKey,
            ...key('USEREMAIL#${emailInitial}', ['emailInitial']),
          },
          sk: { field: TABLE.indexes.gsi1.sortKey, ...key('${email}#${userId}', ['email', 'userId']) },
        },
      },
    },
    config,
  );

  const emailClaim = new Entity(
    {
      model: { entity: 'emailClaim', version: '1', service: SERVICE },
      attributes: {
        email: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        claimedAt: { type: 'string', required: true },
      },
      indexes: {
        byEmail: {
          pk: { field: TABLE.partitionKey, ...key('EMAIL#${email}', ['email']) },
          sk: { field: TABLE.sortKey, ...key('EMAIL', []) },
        },
      },
    },
    config,
  );

  const verificationCode = new Entity(
    {
      model: { entity: 'verificationCode', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        purpose: {
          type: ['confirm-account', 'reset-password', 'change-email'] as const,
          required: true,
          readOnly: true,
        },
        codeHash: { type: 'string', required: true },
        attempts: { type: 'number', required: true },
        /** The address the code was mailed to; it is good only while it is that address's code. */
        target: { type: 'string' },
        /** For `confirm-account`: the password chosen in the registration that asked for this code. */
        passwordHash: { type: 'string' },
        expiresAt: { type: 'number', required: true },
        ttl,
      },
      indexes: {
        byPurpose: {
          pk: userPartition(),
          sk: { field: TABLE.sortKey, ...key('CODE#${purpose}', ['purpose']) },
        },
      },
    },
    config,
  );

  const session = new Entity(
    {
      model: { entity: 'session', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        sessionId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'number', required: true, readOnly: true },
        /** The family's absolute end, however often it is refreshed. */
        expiresAt: { type: 'number', required: true },
        authTime: { type: 'number', required: true },
        methods: { type: 'list', items: { type: 'string' } },
        userAgent: { type: 'string' },
        /** Read from the User-Agent at sign-in, for the device list ("Firefox on Windows"). */
        deviceLabel: { type: 'string' },
        /** When a token of the session was last used; written at most once per few minutes (decision 48). */
        lastUsedAt: { type: 'number' },
        revokedAt: { type: 'number' },
        revokedReason: { type: 'string' },
        ttl,
        ...stagedEventAttributes,
      },
      indexes: {
        byUser: {
          pk: userPartition(),
          sk: { field: TABLE.sortKey, ...key('SESSION#${sessionId}', ['sessionId']) },
        },
      },
    },
    config,
  );

  const refreshToken = new Entity(
    {
      model: { entity: 'refreshToken', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        tokenHash: { type: 'string', required: true, readOnly: true },
        sessionId: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true },
        spentAt: { type: 'number' },
        ttl,
      },
      indexes: {
        byHash: {
          pk: userPartition(),
          sk: { field: TABLE.sortKey, ...key('RT#${tokenHash}', ['tokenHash']) },
        },
      },
    },
    config,
  );

  const mfaChallenge = new Entity(
    {
      model: { entity: 'mfaChallenge', version: '1', service: SERVICE },
      attributes: {
        challengeHash: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        attempts: { type: 'number', required: true },
        /** SHA-256 of the password hash that was checked: a password change voids the challenge. */
        passwordFingerprint: { type: 'string' },
        methods: { type: 'list', items: { type: 'string' } },
        userAgent: { type: 'string' },
        expiresAt: { type: 'number', required: true },
        ttl,
      },
      indexes: {
        byHash: {
          pk: { field: TABLE.partitionKey, ...key('MFA#${challengeHash}', ['challengeHash']) },
          sk: { field: TABLE.sortKey, ...key('MFA', []) },
        },
      },
    },
    config,
  );

  const lockout = new Entity(
    {
      model: { entity: 'lockout', version: '1', service: SERVICE },
      attributes: {
        /** HMAC of what is guarded: a sign-in address, or a user's second factor. */
        keyHash: { type: 'string', required: true, readOnly: true },
        /**
         * Attempts being checked plus attempts that failed: reserved before the guess is checked, so at
         * most the threshold are ever checked before a lock. A right guess gives its reservation back.
         */
        attempts: { type: 'number' },
        /** Of `attempts`, those that failed. */
        failures: { type: 'number' },
        /** When the latest attempt was reserved: a reservation older than any check left by a crash. */
        reservedAt: { type: 'number' },
        lockedUntil: { type: 'number' },
        /** How many times the key has locked; each lock lasts twice the one before. */
        locks: { type: 'number' },
        ttl,
      },
      indexes: {
        byKey: {
          pk: { field: TABLE.partitionKey, ...key('LOCKOUT#${keyHash}', ['keyHash']) },
          sk: { field: TABLE.sortKey, ...key('LOCKOUT', []) },
        },
      },
    },
    config,
  );

  const securityEvent = new Entity(
    {
      model: { entity: 'securityEvent', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        type: { type: 'string', required: true },
        at: { type: 'string', required: true },
        ip: { type: 'string' },
        userAgent: { type: 'string' },
        detail: {
          type: 'map',
          properties: {
            sessionId: { type: 'string' },
            reason: { type: 'string' },
            adminId: { type: 'string' },
          },
        },
        ttl,
      },
      indexes: {
        byUser: {
          pk: userPartition(),
          sk: { field: TABLE.sortKey, ...key('EVENT#${eventId}', ['eventId']) },
        },
      },
    },
    config,
  );

  return {
    user,
    emailClaim,
    verificationCode,
    session,
    refreshToken,
    mfaChallenge,
    lockout,
    securityEvent,
  };
}

type Entities = ReturnType<typeof createIdentityEntities>;
export type UserItem = EntityItem<Entities['user']>;
export type VerificationCodeItem = EntityItem<Entities['verificationCode']>;
export type CodePurpose = VerificationCodeItem['purpose'];
export type SessionItem = EntityItem<Entities['session']>;
export type RefreshTokenItem = EntityItem<Entities['refreshToken']>;
export type MfaChallengeItem = EntityItem<Entities['mfaChallenge']>;
export type SecurityEventItem = EntityItem<Entities['securityEvent']>;

export type UserUpdate = Partial<Omit<UserItem, 'userId' | 'createdAt' | 'roles' | 'recoveryCodeHashes'>> & {
  recoveryCodeHashes?: string[];
};

export type UserField =
  | 'avatarUrl'
  | 'passwordHash'
  | 'mfaSecret'
  | 'mfaPendingSecret'
  | 'mfaLastTimeStep'
  | 'recoveryCodeHashes'
  | 'pendingEmail'
  | 'disabledAt'
  | 'ttl';

/** Identity's data access: every read and write the service needs, with failed conditions as results. */
export function createIdentityStore(client: DynamoDBDocumentClient, table: string) {
  const e = createIdentityEntities(client, table);

  return {
    async getUser(userId: string): Promise<UserItem | null> {
      return (await e.user.get({ userId }).go({ ...GO, consistent: true })).data;
    },

    /** Creates the user item; false when that id exists (never in practice: ids are random). */
    createUser(item: UserItem): Promise<boolean> {
      return conditional(() => e.user.create(item).go(GO));
    },

    /**
     * Sets (and removes) fields of an existing user; false when the user is gone or a field named in
     * `expect` no longer has the value the caller read (another request changed it first).
     */
    updateUser(
      userId: string,
      changes: UserUpdate,
      remove: UserField[] = [],
      expect: { email?: string; mfaPendingSecret?: string } = {},
      event: StagedEvent = {},
    ): Promise<boolean> {
      const { recoveryCodeHashes, ...rest } = changes;
      const set = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      const staged = stagedUpdate(event);
      let update = e.user
        .patch({ userId })
        .set({ ...set, ...staged.set })
        .append(staged.append);
      if (recoveryCodeHashes) {
        update =
          recoveryCodeHashes.length > 0
            ? update.set({ recoveryCodeHashes })
            : update.remove(['recoveryCodeHashes']);
      }
      if (remove.length > 0) update = update.remove(remove);
      const { email: expectedEmail, mfaPendingSecret: expectedPending } = expect;
      if (expectedEmail !== undefined) update = update.where(({ email }, { eq }) => eq(email, expectedEmail));
      if (expectedPending !== undefined) {
        update = update.where(({ mfaPendingSecret }, { eq }) => eq(mfaPendingSecret, expectedPending));
      }
      return conditional(() => update.go(GO));
    },

    async addRole(userId: string, role: string, updatedAt: string): Promise<boolean> {
      return conditional(() =>
        e.user
          .patch({ userId })
          .add({ roles: [role] })
          .set({ updatedAt })
          .go(GO),
      );
    },

    /** Advances the accepted TOTP time step; false when that step (or a later one) was already used. */
    acceptTimeStep(userId: string, step: number, updatedAt: string): Promise<boolean> {
      return conditional(() =>
        e.user
          .patch({ userId })
          .set({ mfaLastTimeStep: step, updatedAt })
          .where(
            ({ mfaLastTimeStep }, { notExists, lt }) =>
              `${notExists(mfaLastTimeStep)} OR ${lt(mfaLastTimeStep, step)}`,
          )
          .go(GO),
      );
    },

    /** Spends one recovery code; false when it is not (or no longer) among the user's codes. */
    spendRecoveryCode(userId: string, codeHash: string, updatedAt: string): Promise<boolean> {
      return conditional(() =>
        e.user
          .patch({ userId })
          .delete({ recoveryCodeHashes: [codeHash] })
          .set({ updatedAt })
          .where(({ recoveryCodeHashes }, { contains }) => contains(recoveryCodeHashes, codeHash))
          .go(GO),
      );
    },

    /**
     * Bumps the login-methods version from `expected` (as read), adding a provider to or taking one off
     * `autoLinkRefused` (none for a passkey); false when another change came first.
     */
    bumpLoginMethods(
      userId: string,
      expected: number | undefined,
      updatedAt: string,
      autoLink?: { refuse: string } | { allow: string },
    ): Promise<boolean> {
      const bump = e.user.patch({ userId }).set({ loginMethodsVersion: (expected ?? 0) + 1, updatedAt });
      const changed = !autoLink
        ? bump
        : 'refuse' in autoLink
          ? bump.add({ autoLinkRefused: [autoLink.refuse] })
          : bump.delete({ autoLinkRefused: [autoLink.allow] });
      return conditional(() =>
        changed
          .where(({ loginMethodsVersion }, { notExists, eq }) =>
            expected === undefined ? notExists(loginMethodsVersion) : eq(loginMethodsVersion, expected),
          )
          .go(GO),
      );
    },

    /**
     * A page of users whose address starts with `prefix` (lower case, at least one character), in address
     * order: one Query of the admin search index, which is eventually consistent.
     */
    async findUsersByEmailPrefix(prefix: string, limit: number, cursor: string | null) {
      const page = await e.user.query
        .byEmailPrefix({ emailInitial: prefix.slice(0, 1) })
        .begins({ email: prefix })
        .go({ ...GO, limit, cursor, count: limit });
      return { items: page.data, cursor: page.cursor };
    },

    /**
     * Admin maintenance, the one place a Scan is allowed: puts user items written before the search index
     * existed into it, by writing their address again (unless it changed meanwhile). Answers how many.
     */
    async indexUsersForSearch(): Promise<number> {
      let indexed = 0;
      let cursor: string | null = null;
      do {
        const page: { data: UserItem[]; cursor: string | null } = await e.user.scan
          .where(({ emailInitial }, { notExists }) => notExists(emailInitial))
          .go({ ...GO, cursor, consistent: true });
        for (const user of page.data) {
          const written = await conditional(() =>
            e.user
              .patch({ userId: user.userId })
              .set({ email: user.email })
              .where(({ email }, { eq }) => eq(email, user.email))
              .go(GO),
          );
          if (written) indexed += 1;
        }
        cursor = page.cursor;
      } while (cursor);
      return indexed;
    },

    /** Marks the account disabled; false when it already is (or is gone). */
    disableUser(userId: string, at: string, event: StagedEvent = {}): Promise<boolean> {
      const staged = stagedUpdate(event);
      return conditional(() =>
        e.user
          .patch({ userId })
          .set({ disabledAt: at, updatedAt: at, ...staged.set })
          .append(staged.append)
          .where(({ disabledAt }, { notExists }) => notExists(disabledAt))
          .go(GO),
      );
    },

    /** Clears the disabled mark; false when the account is not disabled (or is gone). */
    enableUser(userId: string, at: string, event: StagedEvent = {}): Promise<boolean> {
      const staged = stagedUpdate(event);
      return conditional(() =>
        e.user
          .patch({ userId })
          .set({ updatedAt: at, ...staged.set })
          .append(staged.append)
          .remove(['disabledAt'])
          .where(({ disabledAt }, { exists }) => exists(disabledAt))
          .go(GO),
      );
    },

    deleteUser(userId: string): Promise<boolean> {
      return conditional(() => e.user.remove({ userId }).go(GO));
    },

    /**
     * The account signing in with this address: the claim's user, if that user still has the address.
     * Unknown addresses cost the same two reads (the second for a user that cannot exist), so the answer
     * takes as long either way.
     */
    async findUserByEmail(email: string): Promise<UserItem | null> {
      const claim = (await e.emailClaim.get({ email }).go({ ...GO, consistent: true })).data;
      const userId = claim?.userId ?? NO_USER;
      const user = (await e.user.get({ userId }).go({ ...GO, consistent: true })).data;
      return claim && user?.email === email ? user : null;
    },

    async getEmailClaim(email: string) {
      return (await e.emailClaim.get({ email }).go({ ...GO, consistent: true })).data;
    },

    /** Claims an address for a user; false when somebody holds it. */
    claimEmail(email: string, userId: string, claimedAt: string): Promise<boolean> {
      return conditional(() => e.emailClaim.create({ email, userId, claimedAt }).go(GO));
    },

    /** Releases a claim, only if `userId` still holds it. */
    releaseEmail(email: string, userId: string): Promise<boolean> {
      return conditional(() =>
        e.emailClaim
          .remove({ email })
          .where((attr, { eq }) => eq(attr.userId, userId))
          .go(GO),
      );
    },

    async putCode(item: VerificationCodeItem): Promise<void> {
      await e.verificationCode.put(item).go(GO);
    },

    async getCode(userId: string, purpose: CodePurpose) {
      return (await e.verificationCode.get({ userId, purpose }).go({ ...GO, consistent: true })).data;
    },

    /**
     * Uses up one try of the code with this hash, atomically, before the guess is compared; so however many
     * guesses race, no more than `maxAttempts` are ever checked. False when the code is gone, replaced or spent.
     */
    takeCodeAttempt(
      userId: string,
      purpose: CodePurpose,
      codeHash: string,
      maxAttempts: number,
    ): Promise<boolean> {
      return conditional(() =>
        e.verificationCode
          .patch({ userId, purpose })
          .add({ attempts: 1 })
          .where((attr, { eq, lt }) => `${eq(attr.codeHash, codeHash)} AND ${lt(attr.attempts, maxAttempts)}`)
          .go(GO),
      );
    },

    /** Deletes the code if it is still the one with this hash: the single use. */
    spendCode(userId: string, purpose: CodePurpose, codeHash: string): Promise<boolean> {
      return conditional(() =>
        e.verificationCode
          .remove({ userId, purpose })
          .where((attr, { eq }) => eq(attr.codeHash, codeHash))
          .go(GO),
      );
    },

    async deleteCode(userId: string, purpose: CodePurpose): Promise<void> {
      await e.verificationCode.delete({ userId, purpose }).go(GO);
    },

    async createSession(item: SessionItem): Promise<void> {
      await e.session.create(item).go(GO);
    },

    async getSession(userId: string, sessionId: string) {
      return (await e.session.get({ userId, sessionId }).go({ ...GO, consistent: true })).data;
    },

    async listSessions(userId: string): Promise<SessionItem[]> {
      return (await e.session.query.byUser({ userId }).go({ ...GO, pages: 'all' })).data;
    },

    /** A page of the user's live sessions (not revoked, not past their end), newest first. */
    async listLiveSessions(userId: string, now: number, limit: number, cursor: string | null) {
      const page = await e.session.query
        .byUser({ userId })
        .where(
          ({ revokedAt, expiresAt }, { notExists, gt }) =>
            `${notExists(revokedAt)} AND ${gt(expiresAt, now)}`,
        )
        .go({ ...GO, order: 'desc', limit, cursor, count: limit });
      return { items: page.data, cursor: page.cursor };
    },

    /**
     * Records a use of a live session unless one was recorded after `since`: false (and nothing written)
     * when it was, or when the session is gone or revoked. Bounds the writes to one per session and window.
     */
    touchSession(userId: string, sessionId: string, at: number, since: number): Promise<boolean> {
      return conditional(() =>
        e.session
          .patch({ userId, sessionId })
          .set({ lastUsedAt: at })
          .where(
            ({ lastUsedAt, revokedAt }, { notExists, lte }) =>
              `(${notExists(lastUsedAt)} OR ${lte(lastUsedAt, since)}) AND ${notExists(revokedAt)}`,
          )
          .go(GO),
      );
    },

    /** Marks a session revoked (once: the first reason and time stay). */
    revokeSession(userId: string, sessionId: string, at: number, reason: string): Promise<boolean> {
      return conditional(() =>
        e.session
          .patch({ userId, sessionId })
          .set({ revokedAt: at, revokedReason: reason })
          .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
          .go(GO),
      );
    },

    async getRefreshToken(userId: string, tokenHash: string) {
      return (await e.refreshToken.get({ userId, tokenHash }).go({ ...GO, consistent: true })).data;
    },

    /** Stores a refresh token; an existing item with the same hash is left as it is. */
    async putRefreshTokenOnce(item: RefreshTokenItem): Promise<void> {
      await conditional(() => e.refreshToken.create(item).go(GO));
    },

    /** Marks the token spent at `at` unless it already was; returns when it was first spent. */
    async spendRefreshToken(userId: string, tokenHash: string, at: number): Promise<number> {
      const result = await e.refreshToken
        .update({ userId, tokenHash })
        .data(({ spentAt }, { ifNotExists }) => {
          ifNotExists(spentAt, at);
        })
        .where(({ tokenHash: hash }, { exists }) => exists(hash))
        .go({ ...GO, response: 'all_new' });
      return result.data.spentAt ?? at;
    },

    async createMfaChallenge(item: MfaChallengeItem): Promise<void> {
      await e.mfaChallenge.create(item).go(GO);
    },

    async getMfaChallenge(challengeHash: string) {
      return (await e.mfaChallenge.get({ challengeHash }).go({ ...GO, consistent: true })).data;
    },

    /** Uses up one try of an MFA challenge; false when it is gone or out of tries. */
    takeMfaAttempt(challengeHash: string, maxAttempts: number): Promise<boolean> {
      return conditional(() =>
        e.mfaChallenge
          .patch({ challengeHash })
          .add({ attempts: 1 })
          .where(({ attempts }, { lt }) => lt(attempts, maxAttempts))
          .go(GO),
      );
    },

    /** Deletes the challenge; false when another request already used it. */
    spendMfaChallenge(challengeHash: string): Promise<boolean> {
      return conditional(() => e.mfaChallenge.remove({ challengeHash }).go(GO));
    },

    async getLockout(keyHash: string) {
      return (await e.lockout.get({ keyHash }).go({ ...GO, consistent: true })).data;
    },

    /**
     * Reserves an attempt before it is checked, if the key is under its threshold and not locked; returns
     * the counts after it, or null when the attempt is refused. However many attempts race, at most
     * `threshold` are ever being checked or failed.
     */
    async reserveAttempt(
      keyHash: string,
      threshold: number,
      now: number,
      ttlSeconds: number,
    ): Promise<{ attempts: number; failures: number } | null> {
      try {
        const result = await e.lockout
          .update({ keyHash })
          .add({ attempts: 1 })
          .set({ ttl: ttlSeconds, reservedAt: now })
          .where(
            ({ attempts, lockedUntil }, { notExists, lt, lte }) =>
              `(${notExists(attempts)} OR ${lt(attempts, threshold)}) AND (${notExists(lockedUntil)} OR ${lte(lockedUntil, now)})`,
          )
          .go({ ...GO, response: 'all_new' });
        return { attempts: result.data.attempts ?? 1, failures: result.data.failures ?? 0 };
      } catch (error) {
        if (isConditionFailure(error)) return null;
        throw error;
      }
    },

    /**
     * A reserved attempt failed: it stays counted, now as a failure. Returns the record after it, or null
     * when it no longer holds a reservation to fail (it was cleared meanwhile, by a password reset).
     */
    async recordFailure(keyHash: string): Promise<{ failures: number; locks: number } | null> {
      try {
        const result = await e.lockout
          .patch({ keyHash })
          .add({ failures: 1 })
          .where(
            ({ attempts, failures }, { name, notExists }) =>
              `${notExists(failures)} OR ${name(attempts)} > ${name(failures)}`,
          )
          .go({ ...GO, response: 'all_new' });
        return { failures: result.data.failures ?? 1, locks: result.data.locks ?? 0 };
      } catch (error) {
        if (isConditionFailure(error)) return null;
        throw error;
      }
    },

    /**
     * A reserved attempt was right: gives its reservation back and forgets the failures (`failures` as
     * read) and any lock. False when the failures changed meanwhile (read again and retry) or the record
     * no longer holds the reservation.
     */
    releaseAttempt(keyHash: string, failures: number): Promise<boolean> {
      return conditional(() =>
        e.lockout
          .patch({ keyHash })
          .subtract({ attempts: 1 + failures })
          .set({ failures: 0 })
          .remove(['lockedUntil', 'locks'])
          .where(({ attempts, failures: current }, { eq, gte, notExists }) => {
            const same =
              failures === 0 ? `(${notExists(current)} OR ${eq(current, 0)})` : eq(current, failures);
            return `${same} AND ${gte(attempts, 1 + failures)}`;
          })
          .go(GO),
      );
    },

    /**
     * Counts as failures the reservations of a record whose latest reservation is older than any check
     * takes (a process stopped while checking), as read; false when the record changed meanwhile.
     */
    failAbandoned(keyHash: string, attempts: number, reservedAt: number): Promise<boolean> {
      return conditional(() =>
        e.lockout
          .patch({ keyHash })
          .set({ failures: attempts })
          .where(
            ({ attempts: current, reservedAt: at }, { eq }) =>
              `${eq(current, attempts)} AND ${eq(at, reservedAt)}`,
          )
          .go(GO),
      );
    },

    /** Locks the key until `lockedUntil` unless another request locked it first. */
    lock(keyHash: string, lockedUntil: number, now: number): Promise<boolean> {
      return conditional(() =>
        e.lockout
          .update({ keyHash })
          .set({ lockedUntil })
          .add({ locks: 1 })
          .where(
            ({ lockedUntil: current }, { notExists, lte }) => `${notExists(current)} OR ${lte(current, now)}`,
          )
          .go(GO),
      );
    },

    /**
     * After a lock has run out, allows one more attempt (once, however many requests ask): the failures
     * become `failures`, one short of the threshold. `read` is the record as read, so nothing that changed
     * it meanwhile is lost.
     */
    reopen(
      keyHash: string,
      read: { lockedUntil: number; attempts: number; failures: number },
      failures: number,
    ): Promise<boolean> {
      const checking = Math.max(0, read.attempts - read.failures);
      return conditional(() =>
        e.lockout
          .patch({ keyHash })
          .set({ attempts: checking + failures, failures })
          .remove(['lockedUntil'])
          .where(
            ({ lockedUntil, attempts }, { eq }) =>
              `${eq(lockedUntil, read.lockedUntil)} AND ${eq(attempts, read.attempts)}`,
          )
          .go(GO),
      );
    },

    /** Forgets a key's attempts (after a success), or only an expired record when `expiredTtl` is given. */
    async clearLockout(keyHash: string, expiredTtl?: number): Promise<void> {
      if (expiredTtl === undefined) {
        await e.lockout.delete({ keyHash }).go(GO);
        return;
      }
      await conditional(() =>
        e.lockout
          .remove({ keyHash })
          .where(({ ttl: current }, { eq }) => eq(current, expiredTtl))
          .go(GO),
      );
    },

    async putSecurityEvent(item: SecurityEventItem): Promise<void> {
      await e.securityEvent.put(item).go(GO);
    },

    async listSecurityEvents(userId: string, limit: number, cursor: string | null) {
      const page = await e.securityEvent.query
        .byUser({ userId })
        .go({ ...GO, order: 'desc', limit, cursor, count: limit });
      return { items: page.data, cursor: page.cursor };
    },

    /** Every session and security event of a user, for the data export. */
    async exportUserItems(userId: string) {
      const [sessions, events] = await Promise.all([
        e.session.query.byUser({ userId }).go({ ...GO, pages: 'all' }),
        e.securityEvent.query.byUser({ userId }).go({ ...GO, pages: 'all', order: 'desc' }),
      ]);
      return { sessions: sessions.data, securityEvents: events.data };
    },

    /** Deletes everything in the user's partition except the user item itself, which goes last. */
    async deleteUserItems(userId: string): Promise<void> {
      const [sessions, tokens, codes, events] = await Promise.all([
        e.session.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.refreshToken.query.byHash({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.verificationCode.query.byPurpose({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.securityEvent.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true }),
      ]);
      await Promise.all([
        deleteAll(sessions.data, (keys) => e.session.delete(keys).go(GO)),
        deleteAll(tokens.data, (keys) => e.refreshToken.delete(keys).go(GO)),
        deleteAll(codes.data, (keys) => e.verificationCode.delete(keys).go(GO)),
        deleteAll(events.data, (keys) => e.securityEvent.delete(keys).go(GO)),
      ]);
    },
  };
}

export type IdentityStore = ReturnType<typeof createIdentityStore>;
