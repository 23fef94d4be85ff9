import type { UserDataContributor } from '../user-data.js';
import { createApplications, toApplication } from './applications.js';
import { createCastings, toCasting } from './castings.js';
import type { CastingContext } from './context.js';
import { castingBlobPrefix, createPictures, profileBlobPrefix } from './pictures.js';
import { createPortfolio, toPortfolioItem } from './portfolio.js';
import { createProfiles, toPublicProfile } from './profiles.js';
import type { ImageUploadUrlBody } from './schemas.js';

/** The casting board's domain: profiles, portfolios, castings and applications. No HTTP in here. */
export function createCastingService(ctx: CastingContext) {
  const pictures = createPictures(ctx);
  const profiles = createProfiles(ctx, pictures);
  const portfolio = createPortfolio(ctx, profiles, pictures);
  const castings = createCastings(ctx, profiles, pictures);
  const applications = createApplications(ctx, profiles, castings);

  /** The user's profile, portfolio, castings and applications in export and account deletion. */
  const userData: UserDataContributor = {
    name: 'casting',
    async export(userId) {
      const store = await ctx.store();
      const [profile, items, castingItems, applicationItems] = await Promise.all([
        store.getProfile(userId),
        store.listPortfolio(userId),
        store.allCastingsOf(userId),
        store.allApplicationsOf(userId),
      ]);
      return {
        profile: profile ? toPublicProfile(ctx, profile) : null,
        portfolio: items.map((item) => toPortfolioItem(ctx, item)),
        castings: castingItems.filter((item) => !item.deleting).map((item) => toCasting(ctx, item)),
        applications: applicationItems.map((item) => toApplication(ctx, item)),
      };
    },
    /** Castings (with their entries, applications and covers), own applications, portfolio, profile, name, pictures. */
    async delete(userId) {
      const store = await ctx.store();
      await castings.removeAllOf(userId);
      for (const item of await store.allApplicationsOf(userId)) await store.deleteApplication(item);
      await store.deletePortfolio(await store.listPortfolio(userId));
      const profile = await store.getProfile(userId);
      if (profile) {
        await store.deleteProfile(userId);
        await store.releaseUsername(profile.usernameKey, userId);
      }
      await store.idempotencyClaims.deleteAllOf(userId);
      await pictures.removeAll(profileBlobPrefix(userId));
      await pictures.removeAll(castingBlobPrefix(userId));
    },
  };

  return {
    profiles,
    portfolio,
    castings,
    applications,
    /** A signed PUT for an avatar, portfolio picture or casting cover (the shared upload flow). */
    createUploadUrl: (userId: string, request: ImageUploadUrlBody) =>
      ctx.uploads.createUploadUrl(userId, request),
    userData,
  };
}

export type CastingService = ReturnType<typeof createCastingService>;
