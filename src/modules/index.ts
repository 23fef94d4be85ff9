import type { ModuleName } from '../config.js';
import type { Deps } from '../deps.js';
import type { Authenticator } from '../http/auth.js';
import type { LazyRouter } from '../http/lazy-router.js';
import { type ArtistsService, createArtistsModule } from './artists/index.js';
import { createCastingModule } from './casting/index.js';
import type { CastingService } from './casting/service.js';
import { createCollectionModule } from './collection/index.js';
import type { CollectionService } from './collection/service.js';
import { createConnectionsModule } from './connections/index.js';
import type { ConnectionsService } from './connections/service.js';
import { createIdentityModule, type IdentityService } from './identity/index.js';
import type { UserDataContributor } from './user-data.js';

export interface AmplyModules {
  identity: IdentityService;
  authenticator: Authenticator;
  connections: ConnectionsService;
  collection: CollectionService;
  artists: ArtistsService;
  casting: CastingService;
  /** Routers of the modules switched on by AMPLY_MODULES, in mounting order, each built on first use. */
  routers: LazyRouter[];
}

/**
 * The one list of modules. Identity is always built (it authenticates every request and runs account
 * deletion); each module's routes are mounted only when it is switched on. Modules added later get
 * `identity` and `authenticator` from here and may register a `UserDataContributor`.
 */
export function createModules(deps: Deps): AmplyModules {
  const enabled = new Set<ModuleName>(deps.config.modules);
  const contributors: UserDataContributor[] = [];
  // A Spotify sign-in also connects Spotify (MultiMusic v1): identity reaches connections through this.
  const identity = createIdentityModule(
    deps,
    () => contributors,
    () => (enabled.has('connections') ? connections.service : undefined),
  );
  const connections = createConnectionsModule(deps, {
    authenticator: identity.authenticator,
    recordSecurityEvent: identity.service.recordSecurityEvent,
    accountExists: identity.service.accountExists,
  });
  // All are built even when their routes are off, so account deletion still reaches a user's
  // connections, guitars, artists, castings and blobs.
  const collection = createCollectionModule(deps, identity.authenticator);
  const artists = createArtistsModule(deps, identity.authenticator);
  const casting = createCastingModule(deps, identity.authenticator, {
    exists: identity.service.accountExists,
    contact: identity.service.accountContact,
  });
  contributors.push(
    connections.service.userData,
    collection.service.userData,
    artists.service.userData,
    casting.service.userData,
  );
  return {
    identity: identity.service,
    authenticator: identity.authenticator,
    connections: connections.service,
    collection: collection.service,
    artists: artists.service,
    casting: casting.service,
    routers: [
      ...(enabled.has('identity') ? identity.routers : []),
      ...(enabled.has('connections') ? connections.routers : []),
      ...(enabled.has('collection') ? collection.routers : []),
      ...(enabled.has('artists') ? artists.routers : []),
      ...(enabled.has('casting') ? casting.routers : []),
    ],
  };
}
