import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { newSecretVariables } from '../../src/security/new-secrets.js';
import type { OAuth2Server } from './oauth2-server.js';
import type { TestApp } from './test-app.js';

/** The client each platform is registered with at the local OAuth 2.0 server. */
export const PLATFORM_CLIENTS = [
  { clientId: 'amply-soundcloud', clientSecret: 'soundcloud-client-secret', requirePkce: true },
  { clientId: 'amply-spotify', clientSecret: 'spotify-client-secret' },
];

/** `AMPLY_OAUTH_*` variables pointing SoundCloud and Spotify at the local OAuth 2.0 server. */
export function platformEnv(server: OAuth2Server): Record<string, string> {
  const env: Record<string, string> = { AMPLY_OAUTH_TIMEOUT_SECONDS: '1' };
  for (const client of PLATFORM_CLIENTS) {
    const prefix = `AMPLY_OAUTH_${client.clientId.replace('amply-', '').toUpperCase()}_`;
    env[`${prefix}CLIENT_ID`] = client.clientId;
    env[`${prefix}CLIENT_SECRET`] = client.clientSecret;
    env[`${prefix}AUTHORIZATION_URL`] = server.endpoints.authorization;
    env[`${prefix}TOKEN_URL`] = server.endpoints.token;
    env[`${prefix}USERINFO_URL`] = server.endpoints.userInfo;
    env[`${prefix}REVOCATION_URL`] = server.endpoints.revocation;
  }
  return env;
}

/**
 * The environment of server processes (and the CLI beside them) on the table `tableName` at `endpoint`,
 * with SoundCloud and Spotify at the local OAuth 2.0 server. Its keys are made here: give every process
 * that must share tokens the same object.
 */
export async function platformServerEnv(
  server: OAuth2Server,
  endpoint: string,
  tableName: string,
): Promise<Record<string, string>> {
  return {
    AMPLY_STAGE: 'dev',
    AMPLY_DEV_OIDC: 'off',
    // One issuer for all, so an access token from one process is accepted by another.
    AMPLY_PUBLIC_URL: 'http://amply.e2e',
    ...(await newSecretVariables()),
    AMPLY_STORAGE: 'aws',
    AMPLY_DYNAMODB_ENDPOINT: endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_RATE_LIMIT_PLATFORM_REFRESH: 'off',
    ...platformEnv(server),
  };
}

/**
 * Connects `platform` for the signed-in user as a browser and its frontend would: start, consent at the
 * platform, follow the platform's redirect into Amply's callback, then redeem the one-time code the
 * dashboard redirect carries (when it carries one). Returns where Amply sent the browser.
 */
export async function connectPlatform(
  t: TestApp,
  server: OAuth2Server,
  accessToken: string,
  platform: string,
) {
  const started = await t.call('POST', `/platforms/${platform}/connect`, { token: accessToken });
  if (started.status !== 200) throw new Error(`connect failed: ${started.text}`);
  const landed = await followCallback(t, await server.authorize(started.json.data.authUrl));
  const code = landed.searchParams.get('connect_code');
  if (code) {
    const completed = await t.call('POST', `/platforms/${platform}/complete`, {
      token: accessToken,
      body: { code },
    });
    if (completed.status !== 200) throw new Error(`complete failed: ${completed.text}`);
  }
  return landed;
}

/** Calls Amply's callback URL; answers the redirect's target. */
export async function followCallback(t: TestApp, callback: URL) {
  const response = await t.app.request(`${callback.pathname}${callback.search}`);
  if (response.status !== 302)
    throw new Error(`callback answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location') as string);
}

/** The connection item exactly as it is in the table, bypassing Amply's code. */
export async function rawConnection(t: TestApp, userId: string, platform: string) {
  const client = await t.deps.db.documentClient();
  const { Item } = await client.send(
    new GetCommand({
      TableName: t.deps.db.tableName,
      Key: { pk: `USER#${userId}`, sk: `PLATFORM#${platform}` },
      ConsistentRead: true,
    }),
  );
  return Item;
}
