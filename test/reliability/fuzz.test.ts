import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, request, type ServerProcess, uniqueAddress } from '../e2e/server-process.js';
import { concretePath, type Operation, readOperations, type Schema } from '../helpers/openapi.js';
import { rawRequest } from '../helpers/raw-http.js';
import {
  inParallel,
  randomSource,
  runSeed,
  serverErrors,
  signUp,
  startReliabilityServer,
} from './harness.js';

/*
 * A fuzz pass generated from the server's own OpenAPI document, over every operation: wrong types, huge
 * and odd strings, bad cursors, bad tokens, odd methods, odd headers and raw bodies, against the started
 * server (`npm start`'s build). Every answer must be below 500; every answer of the JSON API must be the
 * envelope with the request id of its `X-Request-Id`; the server must log no error. RELIABILITY_SEED
 * replays a run; RELIABILITY_FUZZ_REQUESTS sets its size (default 2,500).
 */

const SEED = runSeed();
const TOTAL = Number(process.env.RELIABILITY_FUZZ_REQUESTS) || 2500;
const random = randomSource(SEED);

let server: ServerProcess;
let dataDir: string;
let operations: Operation[];
let resolve: (schema: Schema | undefined) => Schema | undefined;
let tokens: { user: string; admin: string; victims: string[] };
let ids: Record<string, string>;

const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\u200b\u200b',
  'a'.repeat(70_000),
  '🎸'.repeat(3000),
  '../../etc/passwd',
  '%00',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  `$${'{'}7*7}`,
  '__proto__',
  'constructor',
  '\r\nX-Injected: 1',
  '1e309',
  'usr_01jd8x4m9q2v7k3n5p6r8s0t1w',
  [],
  [1, 'a', null],
  {},
  { nested: { deeper: { deepest: [1, 2, 3] } } },
];

const RAW_BODIES: Array<string | Uint8Array> = [
  '{',
  '[]',
  '"text"',
  'null',
  '1',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
  '['.repeat(20_000) + ']'.repeat(20_000),
  `{"a":${'9'.repeat(5000)}}`,
  '{"a":1,"a":2}',
  '\ufeff{}',
  new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
  '{"email":"\\ud800@example.com","password":"\\u0000","name":"\\u202e"}',
];

const ODD_SEGMENTS = [
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%8E%B8',
  'a'.repeat(3000),
  '%ZZ',
  '%2e%2e',
  'null',
  '%E0%A4%A',
];

const ODD_QUERIES = [
  'limit=-1',
  'limit=1e309',
  'limit=abc',
  'limit=100000',
  'limit=1&limit=2',
  'cursor=garbage',
  `cursor=${Buffer.from(JSON.stringify({ pk: 'USER#usr_other', sk: 'GTR#x' })).toString('base64url')}`,
  `cursor=${'A'.repeat(5000)}`,
  'brand=%00',
  'brand=%ED%A0%80',
  'yearFrom=1899&yearTo=3000',
  'yearFrom=2000&yearTo=1990',
  'type=banjo',
  'unknown=1',
  `q=${'x'.repeat(6000)}`,
  'to=%00',
];

const ODD_HEADERS: Array<Record<string, string>> = [
  { 'content-type': 'application/json; charset=utf-16' },
  { 'content-type': 'text/plain' },
  { 'content-type': 'application/x-www-form-urlencoded' },
  { 'content-type': 'multipart/form-data; boundary=x' },
  { 'idempotency-key': '' },
  { 'idempotency-key': 'a'.repeat(300) },
  { 'x-request-id': '../../etc' },
  { 'x-request-id': 'a'.repeat(500) },
  { origin: 'null' },
  { accept: 'text/html' },
  { 'x-forwarded-for': 'not an address, 999.1.1.1' },
  { 'content-encoding': 'gzip' },
  { authorization: `Bearer ${'a'.repeat(10_000)}` },
  { authorization: 'Basic dXNlcjpwYXNz' },
  { authorization: 'Bearer x.y.z' },
];

/** A value that fits `schema` well enough to get past the first check, so the fuzz reaches deeper. */
function plausible(schema: Schema | undefined, depth = 0): unknown {
  const resolved = resolve(schema);
  if (!resolved || depth > 4) return 'x';
  if (resolved.anyOf?.length) return plausible(resolved.anyOf[0], depth + 1);
  if (resolved.enum?.length) return resolved.enum[0];
  const example = (resolved as { example?: unknown }).example;
  if (example !== undefined) return example;
  const type = Array.isArray(resolved.type)
    ? resolved.type.find((candidate) => candidate !== 'null')
    : resolved.type;
  switch (type) {
    case 'string':
      return resolved.format === 'email'
        ? uniqueAddress('fuzz')
        : resolved.format === 'date'
          ? '2020-01-01'
          : 'fuzz';
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        (resolved.required ?? []).map((name) => [name, plausible(resolved.properties?.[name], depth + 1)]),
      );
    default:
      return 'x';
  }
}

interface Case {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * A body this large, announced in `Content-Length` on a connection of its own and only begun: the server
   * refuses it before reading it, then closes the connection, which would fail whatever a client sent
   * next on it (or the rest of this body, before its answer was read).
   */
  announcedLength?: number;
}

/** Which token an operation runs with: ones that end sessions or accounts get users of their own. */
function tokenFor(operation: Operation): string {
  if (/^\/admin\//.test(operation.path)) return tokens.admin;
  if (
    /^(?:DELETE \/user|POST \/auth\/(?:logout|change-password|mfa)|DELETE \/auth\/mfa|DELETE \/user\/auth-providers)/.test(
      `${operation.method} ${operation.path}`,
    )
  ) {
    return random.pick(tokens.victims);
  }
  return tokens.user;
}

function oneCase(operation: Operation): Case {
  const base: Case = {
    label: `${operation.method} ${operation.path}`,
    method: operation.method,
    path: concretePath(operation.path, ids),
    headers: operation.secured ? { authorization: `Bearer ${tokenFor(operation)}` } : {},
  };
  const bodyTarget =
    operation.body ?? (['POST', 'PUT', 'PATCH', 'DELETE'].includes(operation.method) ? {} : undefined);
  const jsonBody = (value: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(value) });
  const kinds = ['field', 'field', 'raw', 'path', 'query', 'header', 'method', 'none', 'huge'] as const;
  const kind = random.pick(kinds);
  switch (kind) {
    case 'field': {
      if (!bodyTarget) return { ...base, label: `${base.label} (no body)` };
      const valid = plausible(bodyTarget) as Record<string, unknown>;
      const fields = Object.keys(resolve(bodyTarget)?.properties ?? {});
      const field =
        fields.length > 0 && random.next() < 0.85 ? random.pick(fields) : `surprise${random.int(5)}`;
      const value = random.pick(ODD_VALUES);
      const { body, ...headers } = jsonBody({ ...valid, [field]: value });
      return {
        ...base,
        label: `${base.label} ${field}=${JSON.stringify(value)?.slice(0, 40)}`,
        headers: { ...base.headers, ...headers },
        body,
      };
    }
    case 'raw': {
      const body = random.pick(RAW_BODIES);
      return {
        ...base,
        label: `${base.label} raw body`,
        headers: { ...base.headers, 'content-type': 'application/json' },
        body,
      };
    }
    case 'path': {
      if (!operation.path.includes('{')) return oneCase(operation);
      const segment = random.pick(ODD_SEGMENTS);
      const path = operation.path.replace(/\{(\w+)\}/g, (whole, name: string) =>
        random.next() < 0.5 ? segment : (ids[name] ?? whole),
      );
      return { ...base, label: `${base.label} path ${segment.slice(0, 30)}`, path: concretePath(path, ids) };
    }
    case 'query': {
      const query = random.pick(ODD_QUERIES);
      return { ...base, label: `${base.label} ?${query.slice(0, 40)}`, path: `${base.path}?${query}` };
    }
    case 'header': {
      const headers = random.pick(ODD_HEADERS);
      const body = bodyTarget ? JSON.stringify(plausible(bodyTarget)) : undefined;
      return {
        ...base,
        label: `${base.label} header ${Object.keys(headers)[0]}`,
        headers: { ...base.headers, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body ? { body } : {}),
      };
    }
    case 'method': {
      const method = random.pick([
        'GET',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
        'OPTIONS',
        'HEAD',
        'PROPFIND',
        'MKCOL',
      ]);
      return { ...base, label: `${method} on ${base.label}`, method };
    }
    case 'none':
      return { ...base, label: `${base.label} without credentials`, headers: {} };
    case 'huge':
      return {
        ...base,
        announcedLength: 1024 * 1024 + 10,
        label: `${base.label} 1 MiB body`,
        headers: { ...base.headers, 'content-type': 'application/json' },
        body: '{"padding":"xxxxxxxx',
      };
  }
}

interface Outcome {
  label: string;
  status: number;
  problem?: string;
}

/** A request announcing a large body on a connection of its own, read as a fetch Response. */
async function sendAnnounced(fuzzCase: Case, length: number): Promise<Response> {
  const head = [
    `${fuzzCase.method} ${fuzzCase.path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(fuzzCase.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${length}`,
  ].join('\r\n');
  const body = fuzzCase.body ?? '';
  const answer = await rawRequest(server.port, head, typeof body === 'string' ? body : Buffer.from(body));
  return new Response(answer.body, {
    status: answer.status,
    headers: Object.entries(answer.headers).filter(
      ([name]) => name !== 'content-length' && name !== 'transfer-encoding',
    ),
  });
}

async function send(fuzzCase: Case): Promise<Outcome> {
  const withBody = fuzzCase.body !== undefined && !['GET', 'HEAD'].includes(fuzzCase.method);
  let response: Response;
  if (fuzzCase.announcedLength !== undefined) {
    try {
      response = await sendAnnounced(fuzzCase, fuzzCase.announcedLength);
    } catch (error) {
      return { label: fuzzCase.label, status: 0, problem: `no answer: ${(error as Error).message}` };
    }
    return check(fuzzCase, response);
  }
  try {
    response = await fetch(`${server.baseUrl}${fuzzCase.path}`, {
      method: fuzzCase.method,
      headers: fuzzCase.headers,
      redirect: 'manual',
      ...(withBody ? { body: fuzzCase.body } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      label: fuzzCase.label,
      status: 0,
      problem: `no answer: ${(error as Error).message} (${cause?.code ?? cause?.message})`,
    };
  }
  return check(fuzzCase, response);
}

/** No 5xx, an `X-Request-Id`, and the envelope (carrying that id) wherever the JSON API answered. */
async function check(fuzzCase: Case, response: Response): Promise<Outcome> {
  const text = await response.text();
  const outcome: Outcome = { label: fuzzCase.label, status: response.status };
  if (response.status >= 500)
    return { ...outcome, problem: `status ${response.status}: ${text.slice(0, 300)}` };
  const requestId = response.headers.get('x-request-id');
  if (!requestId) return { ...outcome, problem: 'no X-Request-Id' };
  const type = response.headers.get('content-type') ?? '';
  // Documents served as they are (the API description, public keys, the artist index) and media bytes.
  const isApi = !/^\/(?:docs|openapi\.json|amply-index\.json|\.well-known\/|media\/)/.test(fuzzCase.path);
  if (
    !isApi ||
    fuzzCase.method === 'HEAD' ||
    (response.status >= 300 && response.status < 400) ||
    response.status === 204
  ) {
    return outcome;
  }
  if (!type.startsWith('application/json')) return { ...outcome, problem: `content type ${type}` };
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...outcome, problem: 'not JSON' };
  }
  if (response.ok ? json.success !== true : json.success !== false)
    return { ...outcome, problem: 'no envelope' };
  if (!response.ok) {
    const { code, message, statusCode, requestId: bodyId } = json.error ?? {};
    if (typeof code !== 'string' || typeof message !== 'string')
      return { ...outcome, problem: 'error without code' };
    if (statusCode !== response.status) return { ...outcome, problem: `statusCode ${statusCode}` };
    if (bodyId !== requestId) return { ...outcome, problem: 'requestId differs from X-Request-Id' };
  }
  return outcome;
}

beforeAll(async () => {
  dataDir = await makeTempDir('reliability-fuzz');
  const adminEmail = uniqueAddress('fuzz-admin');
  server = await startReliabilityServer({ dataDir, env: { AMPLY_ADMIN_EMAILS: adminEmail } });
  const [user, admin, ...victims] = await Promise.all(
    [uniqueAddress('fuzz-user'), adminEmail, ...[1, 2, 3].map(() => uniqueAddress('fuzz-victim'))].map(
      (email) => signUp(server.baseUrl, email),
    ),
  );
  if (!user || !admin) throw new Error('sign-up failed');
  tokens = {
    user: user.accessToken,
    admin: admin.accessToken,
    victims: victims.map((victim) => victim.accessToken),
  };
  const guitar = await request(server.baseUrl, 'POST', '/guitars', {
    token: user.accessToken,
    body: { brand: 'Fender', model: 'Telecaster', year: 1952, type: 'electric' },
  });
  const note = await request(server.baseUrl, 'POST', `/guitars/${guitar.json.data.id}/notes`, {
    token: user.accessToken,
    body: { content: 'Fuzz me' },
  });
  ids = {
    id: guitar.json.data.id,
    noteId: note.json.data.id,
    imageId: 'img_01jd8x4m9q2v7k3n5p6r8s0t1w',
    userId: user.userId,
    platform: 'spotify',
    provider: 'google',
  };
  ({ operations, resolve } = readOperations((await request(server.baseUrl, 'GET', '/openapi.json')).json));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) await removeDir(dataDir);
});

describe(`fuzzing every documented operation (seed ${SEED})`, () => {
  it(`answers ${TOTAL} generated requests below 500, each in the envelope with its request id`, async () => {
    expect(operations.length).toBeGreaterThan(40);
    // Every operation at least a few times, then at random.
    const cases = [...operations.flatMap((operation) => Array.from({ length: 5 }, () => oneCase(operation)))];
    while (cases.length < TOTAL) cases.push(oneCase(random.pick(operations)));
    const started = performance.now();
    const outcomes = await inParallel(
      8,
      cases.map((fuzzCase) => () => send(fuzzCase)),
    );
    const seconds = (performance.now() - started) / 1000;
    const byStatus: Record<number, number> = {};
    for (const outcome of outcomes) byStatus[outcome.status] = (byStatus[outcome.status] ?? 0) + 1;
    console.info(
      `fuzz (seed ${SEED}): ${outcomes.length} requests over ${operations.length} operations in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(byStatus)}`,
    );
    expect(outcomes.filter((outcome) => outcome.problem).slice(0, 20)).toEqual([]);
  }, 600_000);

  it('answers malformed HTTP, unknown methods, oversized headers and odd Expect headers in the envelope', async () => {
    const heads = [
      'FOO /guitars HTTP/1.1\r\nHost: amply.test',
      `GET /health HTTP/1.1\r\nHost: amply.test\r\nX-Padding: ${'a'.repeat(20_000)}`,
      'GET /health HTTP/1.1\r\nHost: amply.test\r\nExpect: nonsense',
      'GET /health HTTP/1.1\r\nHost amply.test',
      'POST /auth/login HTTP/1.1\r\nHost: amply.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked',
    ];
    for (const head of heads) {
      const response = await rawRequest(
        server.port,
        head,
        head.includes('chunked') ? 'zz\r\n{}\r\n0\r\n\r\n' : '',
      );
      expect(response.status, head.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(response.status, head.slice(0, 40)).toBeLessThan(600);
      expect(response.headers['x-request-id']).toBeTruthy();
      expect(response.json?.error?.requestId).toBe(response.headers['x-request-id']);
    }
  });

  it('logged no error, and is still ready', async () => {
    expect((await request(server.baseUrl, 'GET', '/health/ready')).status).toBe(200);
    expect(serverErrors(server.stdout())).toEqual([]);
  });
});
