import { UnauthorizedError } from '../../../errors.js';
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
