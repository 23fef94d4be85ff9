import type { Deps } from '../../deps.js';
import type { Authenticator } from '../../http/auth.js';
import { lazyRouter } from '../../http/lazy-router.js';
import { lazy } from '../../lazy.js';
import { createGrantRedemption } from '../../oauth/grant-redemption.js';
import type { RequestMeta, SecurityEventType } from '../identity/index.js';
import { createConnectionsService } from './service.js';
import { createTokenVault } from './token-vault.js';

/** What connections needs from identity: who is calling, whether an account still exists, and its audit trail. */
export interface ConnectionsIdentity {
  authenticator: Authenticator;
  accountExists(userId: string): Promise<boolean>;
  recordSecurityEvent(
    userId: string,
    type: SecurityEventType,
    meta?: RequestMeta,
    detail?: { reason?: string },
  ): Promise<void>;
}

/**
 * Builds connections: its service (always, so account export and deletion reach connections even
 * when the routes are switched off) and its router (mounted when `connections` is in AMPLY_MODULES).
 */
export function createConnectionsModule(deps: Deps, identity: ConnectionsIdentity) {
  const store = lazy(async () => {
    const { createConnectionStore } = await import('./store.js');
    return createConnectionStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const service = createConnectionsService({
    config: deps.config,
    clock: deps.clock,
    store,
    vault: createTokenVault(deps.secretBox),
    oauth: deps.oauth,
    grants: createGrantRedemption(deps),
    cursors: deps.cursors,
    logger: deps.logger,
    accountExists: identity.accountExists,
    eventOutbox: deps.events,
    events: {
      record: (userId, type, platform, meta) =>
        identity.recordSecurityEvent(userId, type, meta, { reason: platform }),
    },
  });
  return {
    service,
    routers: [
      lazyRouter('connections', async () =>
        (await import('./routes.js')).connectionsRoutes({
          service,
          authenticator: identity.authenticator,
          limits: deps.limits,
        }),
      ),
    ],
  };
}
