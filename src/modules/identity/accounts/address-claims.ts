import { isoTime } from '../../../clock.js';
import type { IdentityContext } from '../context.js';
import type { UserItem } from '../store.js';

/** An address or SSO identity claim this old whose user is missing (or, for an address, has another one) is left over from an interrupted write. */
export const STALE_CLAIM_MS = 5 * 60 * 1000;

/** A registration not confirmed within this time is abandoned: registering the address again replaces it. */
const ABANDONED_REGISTRATION_MS = 24 * 3600 * 1000;

export type ClaimOutcome =
  | { claimed: true }
  | { claimed: false; holder: string | null; owner: UserItem | null };

/** An unconfirmed account left longer than a day: it proved no mailbox, and a new owner of the address replaces it. */
export function isAbandonedRegistration(user: UserItem, now: number): boolean {
  return user.status === 'unconfirmed' && now - Date.parse(user.createdAt) > ABANDONED_REGISTRATION_MS;
}

/**
 * Claims an address for a new user id — for a registration, an email change and an SSO first sign-in
 * alike. A claim left by an interrupted write, or by a registration abandoned unconfirmed, is released
 * and taken over. When the address stays taken, says who holds the claim and the account living at
 * that address (if any), as read while trying.
 */
export function addressClaimer(ctx: IdentityContext) {
  return async function claimAddress(address: string, userId: string): Promise<ClaimOutcome> {
    const store = await ctx.store();
    const now = ctx.clock.now();
    const taken = (holder: string | null, owner: UserItem | null): ClaimOutcome => ({
      claimed: false,
      holder,
      owner: owner?.email === address ? owner : null,
    });
    if (await store.claimEmail(address, userId, isoTime(now))) return { claimed: true };
    const claim = await store.getEmailClaim(address);
    if (!claim) {
      return (await store.claimEmail(address, userId, isoTime(now))) ? { claimed: true } : taken(null, null);
    }
    const owner = await store.getUser(claim.userId);
    const stale = owner?.email !== address && now - Date.parse(claim.claimedAt) > STALE_CLAIM_MS;
    const abandoned = owner?.email === address && isAbandonedRegistration(owner, now);
    if (!(stale || abandoned) || !(await store.releaseEmail(address, claim.userId))) {
      return taken(claim.userId, owner);
    }
    if (abandoned) await store.deleteUser(claim.userId);
    return (await store.claimEmail(address, userId, isoTime(now))) ? { claimed: true } : taken(null, null);
  };
}
