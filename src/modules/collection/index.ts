import type { Deps } from '../../deps.js';
import type { Authenticator } from '../../http/auth.js';
import { lazyRouter } from '../../http/lazy-router.js';
import { lazy } from '../../lazy.js';
import { createCollectionService } from './service.js';

/** Builds the collection: its service (also a user-data contributor) and its routers. */
export function createCollectionModule(deps: Deps, authenticator: Authenticator) {
  const store = lazy(async () => {
    const { createCollectionStore } = await import('./store.js');
    return createCollectionStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const service = createCollectionService({
    clock: deps.clock,
    newId: deps.newId,
    store,
    blobs: deps.blobs,
    cursors: deps.cursors,
    logger: deps.logger,
    maxUploadBytes: deps.config.blobs.maxUploadBytes,
  });
  const routeDeps = { service, authenticator, limits: deps.limits };
  return {
    service,
    routers: [
      lazyRouter('collection.guitars', async () =>
        (await import('./guitars.routes.js')).guitarRoutes(routeDeps),
      ),
      lazyRouter('collection.images', async () =>
        (await import('./images.routes.js')).imageRoutes(routeDeps),
      ),
    ],
  };
}
