import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { createSecretsManagerSource } from '../adapters/secrets/secrets-manager-source.js';
import { createApp } from '../app.js';
import { loadConfigWithSecrets } from '../config.js';
import { createDeps } from '../deps.js';
import { lazy } from '../lazy.js';

/**
 * AWS Lambda behind API Gateway (HTTP API, payload v2): the same app, its configuration from the
 * function's environment and the secrets it names (read once per cold start). The app is built on the
 * first event; SDK clients load when a route needs them.
 */
const appHandler = lazy(async () => {
  const deps = await createDeps(await loadConfigWithSecrets(createSecretsManagerSource()));
  const { app } = createApp(deps, { remoteAddress: (c) => getConnInfo(c).remote.address });
  return handle(app);
});

export const handler = async (event: LambdaEvent, context: LambdaContext) =>
  (await appHandler())(event, context);
