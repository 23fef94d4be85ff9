import { UnauthorizedError } from '../../errors.js';
import type { IdentityContext } from './context.js';
import type { UserItem } from './store.js';

/** The signed-in user's account; 401 when it was deleted while their token still lives. */
export async function requireUser(ctx: IdentityContext, userId: string): Promise<UserItem> {
  const user = await (await ctx.store()).getUser(userId);
  if (!user) throw new UnauthorizedError('This account no longer exists');
  return user;
}
