import { isoTime } from '../../../clock.js';
import { ConflictError, UnauthorizedError } from '../../../errors.js';
import type { IdentityContext } from '../context.js';
import type { UserItem } from '../store.js';

/** An account that may act: it exists, its deletion has not begun, and it is not disabled. */
export function isActiveAccount(user: UserItem | null): user is UserItem {
  return user !== null && user.deletedAt === undefined && user.disabledAt === undefined;
}

/** The signed-in user's account; 401 when it was deleted (or disabled) while their token still lives. */
export async function requireUser(ctx: IdentityContext, userId: string): Promise<UserItem> {
  const user = await (await ctx.store()).getUser(userId);
  if (!isActiveAccount(user)) throw new UnauthorizedError('This account no longer exists');
  return user;
}

/**
 * Claims a change of the user's sign-in methods against the version read with `user`, so a racing link,
 * unlink or passkey change fails (409); `autoLink` adds a provider to or takes one off the auto-link
 * refusals.
 */
export async function claimLoginMethodsChange(
  ctx: IdentityContext,
  user: UserItem,
  autoLink?: { refuse: string } | { allow: string },
): Promise<void> {
  const bumped = await (await ctx.store()).bumpLoginMethods(
    user.userId,
    user.loginMethodsVersion,
    isoTime(ctx.clock.now()),
    autoLink,
  );
  if (!bumped) throw new ConflictError('Your sign-in methods changed meanwhile; try again');
}
