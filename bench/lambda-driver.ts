// Runs in a fresh `node` process (compiled to plain JavaScript first, so no TypeScript loader is timed):
// imports a Lambda bundle, hands it one API Gateway HTTP API (payload v2) event and exits.
// Usage: lambda-driver.mjs <bundle/index.mjs> <path>
import { pathToFileURL } from 'node:url';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;

function httpApiEvent(path: string) {
  const now = new Date();
  const headers = {
    accept: 'application/json',
    host: 'api.example.com',
    'user-agent': 'amply-bench',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-proto': 'https',
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'amply-bench' },
      requestId: 'bench-request',
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'amply-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:amply-bench',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench-request',
  logGroupName: '/aws/lambda/amply-bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 30_000,
};

async function main() {
  const [bundle = '', path = '/health'] = process.argv.slice(2);
  const imported = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
  const importedAt = performance.now();
  const response = await imported.handler(httpApiEvent(path), context);
  const handledAt = performance.now();
  const status = response.statusCode;
  // Times are milliseconds since this process started: when the bundle had loaded, when the event was answered.
  process.stdout.write(`\nbench-timing ${JSON.stringify({ importedAt, handledAt, status })}\n`);
}

// Errors are printed without their source line: in a minified bundle that line is the whole file.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
