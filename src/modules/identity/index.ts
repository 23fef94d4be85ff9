import type { Deps } from '../../deps.js';
import { createAuthenticator } from '../../http/auth.js';
import { lazy } from '../../lazy.js';
import { createGrantRedemption } from '../../oauth/grant-redemption.js';
import type { PlatformConnector } from '../platform-connector.js';
import type { UserDataContributor } from '../user-data.js';
import { adminRoutes } from './accounts/admin.routes.js';
import { createPasswordPolicy } from './accounts/password-policy.js';
import { userRoutes } from './accounts/user.routes.js';
import { createIdentityService } from './service.js';
import { wellKnownRoutes } from './sessions/well-known.routes.js';
import { authRoutes } from './sign-in/auth.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';

/*
 * What other modules and entries may use of identity: everything else in this folder is its own, and a
 * lint rule (biome.json, noRestrictedImports) refuses imports of it from outside.
 */
export type { SecurityEventType } from './audit/security-events.js';
export type { RequestMeta } from './context.js';
export { mailTemplates } from './mail-templates.js';
export { MessageSchema } from './schemas.js';
export type { IdentityService } from './service.js';

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
    const { createSsoStore } = await import('./sso/sso-store.js');
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
