import { createSecretsManagerSource } from '../adapters/secrets/secrets-manager-source.js';
import { systemClock } from '../clock.js';
import { loadDispatcherConfigWithSecrets } from '../config.js';
import { createDatabase } from '../data/database.js';
import { createEvents } from '../events/index.js';
import { dispatchInputFromStream, type TableStreamRecord } from '../events/stream.js';
import { lazy } from '../lazy.js';
import { createLogger } from '../logger.js';

/**
 * The event dispatcher as a Lambda function of its own, for two triggers: the table's stream (filtered
 * with `STREAM_FILTER_PATTERNS`; a batch of records delivers the new events it names) and a schedule
 * (an event without records: a sweep of everything due, which is how failed deliveries are retried).
 * It throws only when the table cannot be reached, so Lambda retries the batch; an endpoint's failure
 * is the outbox's to retry. `AMPLY_WEBHOOKS` (the endpoints' signing secrets) comes from the environment
 * or from the secret `AMPLY_SECRET_ARNS` names, read once per cold start; nothing else may be in it.
 */
const dispatcher = lazy(async () => {
  const config = await loadDispatcherConfigWithSecrets(createSecretsManagerSource());
  const db = createDatabase({
    tableName: config.storage.tableName,
    region: config.storage.region,
    endpoint: config.storage.endpoint,
  });
  return createEvents(config, db, systemClock, createLogger({ level: config.logLevel })).dispatcher;
});

export const handler = async (event: { Records?: TableStreamRecord[] }) => {
  const records = event.Records ?? [];
  return (await dispatcher()).dispatch(
    records.length > 0 ? dispatchInputFromStream(records) : { sweep: true },
  );
};
