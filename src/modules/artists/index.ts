import type { Deps } from '../../deps.js';
import type { Authenticator } from '../../http/auth.js';
import { lazyRouter } from '../../http/lazy-router.js';
import { lazy } from '../../lazy.js';
import { createArtistsService } from './service.js';
import type { SetupEventsOptions } from './setup-events.routes.js';
import { createSetupNotifier } from './setup-notifier.js';

export type { ArtistsService } from './service.js';

/**
 * Builds artists: its service (always, so account export and deletion reach a user's artists even when
 * the routes are switched off) and its routers (mounted when `artists` is in AMPLY_MODULES).
 */
export function createArtistsModule(
  deps: Deps,
  authenticator: Authenticator,
  options: { setupEvents?: SetupEventsOptions } = {},
) {
  const store = lazy(async () => {
    const { createArtistStore } = await import('./store.js');
    return createArtistStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const service = createArtistsService({
    config: deps.config,
    clock: deps.clock,
    store,
    hasher: deps.hasher,
    cursors: deps.cursors,
    blobs: deps.blobs,
    events: deps.events,
    inspector: deps.stackInspector,
    notifier: createSetupNotifier(),
    logger: deps.logger,
  });
  const routeDeps = { service, authenticator, limits: deps.limits };
  return {
    service,
    routers: [
      lazyRouter('artists.artists', async () =>
        (await import('./artists.routes.js')).artistsRoutes(routeDeps),
      ),
      lazyRouter('artists.setupEvents', async () =>
        (await import('./setup-events.routes.js')).setupEventsRoutes(routeDeps, options.setupEvents),
      ),
      lazyRouter('artists.setup', async () => (await import('./setup.routes.js')).setupRoutes(routeDeps)),
    ],
  };
}
