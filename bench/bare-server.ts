// Child process: the ceilings Amply is compared with. `json` answers a small JSON body (the framework
// ceiling); `dynamodb` does one consistent GetItem per request through Amply's own SDK client set-up
// (the storage ceiling). Usage: bare-server.ts json | bare-server.ts dynamodb <endpoint> <table> <pk> <sk>
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDatabase } from '../src/data/database.js';
import { TABLE } from '../src/data/table.js';

function jsonHandler(): RequestListener {
  const body = JSON.stringify({ success: true, data: { status: 'ok' } });
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
}

/** About the body `GET /user/profile` sends: the item's public fields, never its password hash. */
function publicFields(item: Record<string, unknown> | undefined) {
  const { userId, email, displayName, avatarUrl, primaryAuthProvider, emailVerified, mfaEnabled, createdAt } =
    item ?? {};
  const data = {
    userId,
    email,
    displayName,
    avatarUrl,
    primaryAuthProvider,
    emailVerified,
    mfaEnabled,
    createdAt,
  };
  return { success: true, data };
}

async function dynamoHandler([endpoint, tableName, pk, sk]: string[]): Promise<RequestListener> {
  if (!endpoint || !tableName || !pk || !sk) throw new Error('usage: dynamodb <endpoint> <table> <pk> <sk>');
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint });
  const client = await db.documentClient();
  const get = () =>
    client.send(
      new GetCommand({
        TableName: tableName,
        Key: { [TABLE.partitionKey]: pk, [TABLE.sortKey]: sk },
        ConsistentRead: true,
      }),
    );
  // The measured read must find a real item, or the ceiling would be an empty read.
  if (!(await get()).Item) throw new Error(`no item ${pk} / ${sk} in ${tableName}`);
  return (_req, res) => {
    get().then(
      ({ Item }) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(publicFields(Item)));
      },
      () => {
        res.writeHead(500).end();
      },
    );
  };
}

const [mode, ...rest] = process.argv.slice(2);
const handler = mode === 'dynamodb' ? await dynamoHandler(rest) : jsonHandler();
const server = createServer(handler).listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
