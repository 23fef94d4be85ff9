import { isoTime } from '../../clock.js';
import { UnauthorizedError } from '../../errors.js';
import type { CastingContext } from './context.js';
import { changedMeanwhile, profileNotFound, roleRequired, usernameTaken } from './errors.js';
import { monthOf, newestFirstPage } from './newest-first.js';
import { imageUrls, type Pictures, profileBlobPrefix } from './pictures.js';
import type { ProfileInput, PublicProfile } from './schemas.js';
import type { ProfileItem } from './store.js';

/*
 * Profiles extend the identity account (decision 30). A username is unique in any letter case: its
 * lower-case form is the key of a claim item, taken with a conditional put before the profile points at
 * it and released after the profile stops. A claim counts only while its holder's profile has that name,
 * so a claim left by a crash between the writes is taken over once it is older than a few minutes.
 */

/** A claim younger than this may belong to a change still in flight; older and unused, it is stale. */
const STALE_CLAIM_MS = 5 * 60 * 1000;
/** The month of the first possible profile: the newest-users walk stops there. */
export const FIRST_PROFILE_MONTH = '2026-01';
const ATTEMPTS = 3;

export function toPublicProfile(ctx: Pick<CastingContext, 'blobs'>, item: ProfileItem): PublicProfile {
  const avatar = imageUrls(ctx, item.avatar);
  return {
    userId: item.userId,
    username: item.username,
    displayName: item.displayName ?? null,
    roles: item.roles as PublicProfile['roles'],
    bio: item.bio ?? null,
    location: item.location ?? null,
    skills: item.skills ?? [],
    links: item.links ?? [],
    avatarUrl: avatar.url,
    avatarThumbnailUrl: avatar.thumbnailUrl,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function createProfiles(ctx: CastingContext, pictures: Pictures) {
  /** Takes `usernameKey` for `userId`: free, already theirs, or stale; otherwise USERNAME_TAKEN. */
  async function claimUsername(usernameKey: string, userId: string): Promise<void> {
    const store = await ctx.store();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const now = ctx.clock.now();
      const fresh = { usernameKey, userId, claimedAt: now };
      if (await store.claimUsername(fresh)) return;
      const claim = await store.getUsernameClaim(usernameKey);
      if (!claim) continue; // released meanwhile: try again
      if (claim.userId === userId) return;
      const holder = await store.getProfile(claim.userId);
      if (holder?.usernameKey === usernameKey || now - claim.claimedAt < STALE_CLAIM_MS)
        throw usernameTaken();
      if (await store.claimUsername(fresh, claim.claimedAt)) return;
    }
    throw usernameTaken();
  }

  /** The caller's profile item, or PROFILE_NOT_FOUND. */
  async function own(userId: string): Promise<ProfileItem> {
    const item = await (await ctx.store()).getProfile(userId);
    if (!item) throw profileNotFound();
    return item;
  }

  /** Re-reads and rewrites the profile until the write lands on the version read (or gives up). */
  async function mutate(userId: string, change: (item: ProfileItem) => ProfileItem): Promise<ProfileItem> {
    const store = await ctx.store();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const item = await own(userId);
      const next = { ...change(item), version: item.version + 1, updatedAt: isoTime(ctx.clock.now()) };
      if (await store.putProfile(next, item.version)) return next;
    }
    throw changedMeanwhile();
  }

  return {
    own,
    mutate,

    /** The profile of a user who must hold `role`; 403 otherwise (no profile counts as no role). */
    async requireRole(userId: string, role: 'artist' | 'recruiter'): Promise<ProfileItem> {
      const item = await (await ctx.store()).getProfile(userId);
      if (!item?.roles.includes(role)) throw roleRequired(role);
      return item;
    },

    /**
     * Creates or replaces the caller's profile. A new username is claimed first, the profile written
     * second, the old name released last: a crash leaves the profile with exactly one name.
     */
    async put(userId: string, input: ProfileInput): Promise<PublicProfile> {
      const store = await ctx.store();
      const usernameKey = input.username.toLowerCase();
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const existing = await store.getProfile(userId);
        // A deleted account's token may still be unexpired: it must not leave a profile behind.
        if (!existing && !(await ctx.accounts.exists(userId))) throw new UnauthorizedError();
        if (existing?.usernameKey !== usernameKey) await claimUsername(usernameKey, userId);
        const now = isoTime(ctx.clock.now());
        const next: ProfileItem = {
          userId,
          username: input.username,
          usernameKey,
          roles: input.roles,
          ...(input.displayName ? { displayName: input.displayName } : {}),
          ...(input.bio ? { bio: input.bio } : {}),
          ...(input.location ? { location: input.location } : {}),
          skills: input.skills ?? [],
          links: input.links ?? [],
          ...(existing?.avatar ? { avatar: existing.avatar } : {}),
          bucket: existing?.bucket ?? monthOf(now),
          version: (existing?.version ?? 0) + 1,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        if (await store.putProfile(next, existing?.version)) {
          if (existing && existing.usernameKey !== usernameKey) {
            await store.releaseUsername(existing.usernameKey, userId);
          }
          return toPublicProfile(ctx, next);
        }
      }
      throw changedMeanwhile();
    },

    async get(userId: string): Promise<PublicProfile> {
      return toPublicProfile(ctx, await own(userId));
    },

    /** By username in any letter case: the claim names the holder, whose profile must still carry it. */
    async byUsername(username: string): Promise<PublicProfile> {
      const store = await ctx.store();
      const usernameKey = username.toLowerCase();
      const claim = await store.getUsernameClaim(usernameKey);
      const item = claim ? await store.getProfile(claim.userId) : null;
      if (!item || item.usernameKey !== usernameKey) throw profileNotFound();
      return toPublicProfile(ctx, item);
    },

    /** Newest profiles first, across month partitions; the cursor is sealed to this list. */
    async list(query: { limit: number; cursor?: string | undefined }) {
      const store = await ctx.store();
      const scope = 'users';
      const page = await newestFirstPage({
        newest: monthOf(isoTime(ctx.clock.now())),
        oldest: FIRST_PROFILE_MONTH,
        limit: query.limit,
        raw: ctx.cursors.open(scope, query.cursor),
        read: (bucket, limit, cursor) => store.listProfiles(bucket, limit, cursor),
      });
      return {
        items: page.items.map((item) => toPublicProfile(ctx, item)),
        nextCursor: ctx.cursors.seal(scope, page.next),
      };
    },

    /**
     * Deletes the profile (not the account): portfolio items first, then the profile, then the username
     * claim and the pictures, so a crash leaves at worst a claim nobody's profile uses (stale, reclaimable).
     */
    async remove(userId: string): Promise<void> {
      const store = await ctx.store();
      const item = await own(userId);
      await store.deletePortfolio(await store.listPortfolio(userId));
      await store.deleteProfile(userId);
      await store.releaseUsername(item.usernameKey, userId);
      await pictures.removeAll(profileBlobPrefix(userId));
    },

    async setAvatar(userId: string, imageKey: string): Promise<PublicProfile> {
      ctx.uploads.assertOwnUpload(userId, imageKey);
      await own(userId);
      const image = await pictures.store(userId, imageKey, profileBlobPrefix(userId));
      return pictures.record(imageKey, image, async () => {
        let replaced: ProfileItem['avatar'];
        const next = await mutate(userId, (item) => {
          replaced = item.avatar;
          return { ...item, avatar: image };
        });
        return { result: toPublicProfile(ctx, next), replaced };
      });
    },

    async removeAvatar(userId: string): Promise<PublicProfile> {
      let removed: ProfileItem['avatar'];
      const next = await mutate(userId, (item) => {
        removed = item.avatar;
        const { avatar: _gone, ...rest } = item;
        return rest;
      });
      await pictures.remove(removed);
      return toPublicProfile(ctx, next);
    },
  };
}

export type Profiles = ReturnType<typeof createProfiles>;
