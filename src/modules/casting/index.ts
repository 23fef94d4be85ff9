import type { Deps } from '../../deps.js';
import type { Authenticator } from '../../http/auth.js';
import { lazyRouter } from '../../http/lazy-router.js';
import { lazy } from '../../lazy.js';
import { createDirectUploads } from '../../media/direct-uploads.js';
import type { Accounts } from './context.js';
import { createCastingService } from './service.js';

/** Builds the casting board: its service (also a user-data contributor) and its routers. */
export function createCastingModule(deps: Deps, authenticator: Authenticator, accounts: Accounts) {
  const store = lazy(async () => {
    const { createCastingStore } = await import('./store.js');
    return createCastingStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const service = createCastingService({
    clock: deps.clock,
    newId: deps.newId,
    store,
    blobs: deps.blobs,
    uploads: createDirectUploads(deps.blobs, deps.config.blobs.maxUploadBytes),
    cursors: deps.cursors,
    mailer: deps.mailer,
    events: deps.events,
    logger: deps.logger,
    accounts,
  });
  const routeDeps = { service, authenticator, limits: deps.limits };
  return {
    service,
    routers: [
      lazyRouter('casting.profiles', async () =>
        (await import('./profiles.routes.js')).profileRoutes(routeDeps),
      ),
      lazyRouter('casting.castings', async () =>
        (await import('./castings.routes.js')).castingRoutes(routeDeps),
      ),
      lazyRouter('casting.applications', async () =>
        (await import('./castings.routes.js')).applicationRoutes(routeDeps),
      ),
    ],
  };
}
