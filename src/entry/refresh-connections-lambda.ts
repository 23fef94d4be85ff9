import { createSecretsManagerSource } from '../adapters/secrets/secrets-manager-source.js';
import { loadConfigWithSecrets } from '../config.js';
import { createDeps } from '../deps.js';
import { lazy } from '../lazy.js';
import { parseAge } from '../media/upload-sweep.js';
import { DEFAULT_REFRESH_WITHIN } from '../modules/connections/proactive-refresh.js';
import { createModules } from '../modules/index.js';

/**
 * The proactive refresh of platform connections (`amply refresh-connections`) as a Lambda function, for
 * a schedule (docs/decisions/0043). The event may name the window (`{"within": "24h"}`; 24 hours
 * without); a run stops starting connections 30 s before the function would time out (give it a few minutes) and reports
 * `finished: false`, the next run going on from there. It needs what the API function has (the table, the
 * encryption keys and the platforms' OAuth clients) and throws only when the table cannot be reached; a
 * platform's failure is counted in the report and tried again at the next run.
 */
const connections = lazy(async () => {
  const deps = await createDeps(await loadConfigWithSecrets(createSecretsManagerSource()));
  return { deps, connections: createModules(deps).connections };
});

/** Leaves the function this long (at most half its time) to finish the connections in flight and answer. */
const MARGIN_MS = 30_000;

export const handler = async (
  event: { within?: unknown } | null,
  context?: { getRemainingTimeInMillis?: () => number },
) => {
  const within = parseAge(typeof event?.within === 'string' ? event.within : DEFAULT_REFRESH_WITHIN);
  if (within === undefined) throw new Error('within takes an age such as 90m, 24h or 2d');
  const { deps, connections: service } = await connections();
  const remaining = context?.getRemainingTimeInMillis?.();
  return service.refreshExpiring({
    withinMs: within,
    ...(remaining === undefined
      ? {}
      : { deadline: deps.clock.now() + remaining - Math.min(MARGIN_MS, remaining / 2) }),
  });
};
