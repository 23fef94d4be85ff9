import type { Deps } from '../../deps.js';
import { createAuthenticator } from '../../http/auth.js';
import { lazy } from '../../lazy.js';
import { createGrantRedemption } from '../../oauth/grant-redemption.js';
import type { PlatformConnector } from '../platform-connector.js';
import type { UserDataContributor } from '../user-data.js';
import { adminRoutes } from './admin.routes.js';
import { authRoutes } from './auth.routes.js';
import { createPasswordPolicy } from './password-policy.js';
import { createIdentityService } from './service.js';
import { ssoRoutes } from './sso.routes.js';
import { userRoutes } from './user.routes.js';
import { wellKnownRoutes } from './well-known.routes.js';

/**
 * Builds identity: its service (always: every module authenticates through it, and account deletion
 * runs through it) and its routers (mounted when `identity` is among AMPLY_MODULES).
 */
export function createIdentityModule(
  deps: Deps,
  contributors: () => UserDataContributor[],
  platformConnector: () => PlatformConnector | undefined = () => undefined,
) {
  const store = lazy(async () => {
    const { createIdentityStore } = await import('./store.js');
    return createIdentityStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const ssoStore = lazy(async () => {
    const { createSsoStore } = await import('./sso-store.js');
    return createSsoStore(await deps.db.documentClient(), deps.db.tableName);
  });
  const service = createIdentityService(
    {
      config: deps.config,
      clock: deps.clock,
      newId: deps.newId,
      store,
      passwords: deps.passwords,
      policy: createPasswordPolicy({
        minLength: deps.config.accounts.passwordMinLength,
        composition: deps.config.accounts.passwordComposition,
      }),
      hasher: deps.hasher,
      secretBox: deps.secretBox,
      tokens: deps.tokenIssuer,
      mailer: deps.mailer,
      limits: deps.limits,
      cursors: deps.cursors,
      logger: deps.logger,
      eventOutbox: deps.events,
      oauth: deps.oauth,
      grants: createGrantRedemption(deps),
      ssoStore,
      platformConnector,
    },
    contributors,
  );
  const authenticator = createAuthenticator(deps.tokenVerifier, {
    accountIsActive: service.accountIsActive,
    sweepIfDeleted: service.sweepIfDeleted,
    sessionIsLive: deps.config.tokens.strictRevocation ? service.sessionIsLive : undefined,
  });
  const routeDeps = { service, authenticator, limits: deps.limits };
  return {
    service,
    authenticator,
    routers: [
      wellKnownRoutes({ jwks: deps.keys.jwks, issuer: deps.config.tokens.issuer }),
      authRoutes(routeDeps),
      ssoRoutes(routeDeps),
      userRoutes(routeDeps),
      adminRoutes(routeDeps),
    ],
  };
}
