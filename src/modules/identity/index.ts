import type { Deps } from '../../deps.js';
import { createAuthenticator } from '../../http/auth.js';
import { lazyRouter } from '../../http/lazy-router.js';
import { lazy } from '../../lazy.js';
import { createGrantRedemption } from '../../oauth/grant-redemption.js';
import type { PlatformConnector } from '../platform-connector.js';
import type { UserDataContributor } from '../user-data.js';
import { createPasswordPolicy } from './accounts/password-policy.js';
import { createIdentityService } from './service.js';

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
  const passkeyStore = lazy(async () => {
    const { createPasskeyStore } = await import('./passkeys/store.js');
    return createPasskeyStore(await deps.db.documentClient(), deps.db.tableName);
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
      passkeyStore,
      platformConnector,
    },
    contributors,
  );
  const authenticator = createAuthenticator(deps.tokenVerifier, {
    accountIsActive: service.accountIsActive,
    sweepIfDeleted: service.sweepIfDeleted,
    sessionIsLive: deps.config.tokens.strictRevocation ? service.sessionIsLive : undefined,
    sessionUsed: service.sessionUsed,
  });
  const routeDeps = { service, authenticator, limits: deps.limits };
  return {
    service,
    authenticator,
    routers: [
      lazyRouter('identity.wellKnown', async () =>
        (await import('./sessions/well-known.routes.js')).wellKnownRoutes({
          jwks: deps.keys.jwks,
          issuer: deps.config.tokens.issuer,
        }),
      ),
      lazyRouter('identity.auth', async () =>
        (await import('./sign-in/auth.routes.js')).authRoutes(routeDeps),
      ),
      lazyRouter('identity.sessions', async () =>
        (await import('./sessions/sessions.routes.js')).sessionRoutes(routeDeps),
      ),
      lazyRouter('identity.sso', async () => (await import('./sso/sso.routes.js')).ssoRoutes(routeDeps)),
      lazyRouter('identity.user', async () =>
        (await import('./accounts/user.routes.js')).userRoutes(routeDeps),
      ),
      lazyRouter('identity.admin', async () =>
        (await import('./accounts/admin.routes.js')).adminRoutes(routeDeps),
      ),
      lazyRouter('identity.passkeys', async () =>
        (await import('./passkeys/passkeys.routes.js')).passkeyRoutes(routeDeps),
      ),
    ],
  };
}
