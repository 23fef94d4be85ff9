import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../test/e2e/server-process.js';
import { createTestApp } from '../test/helpers/test-app.js';

/*
 * The OpenAPI document is a product: generated clients take their method names from `operationId`, their
 * auth from `security`, their error types from the 4xx answers. These tests hold every route to that, and
 * lint the served document with Redocly's recommended rules (exceptions: .redocly.lint-ignore.yaml).
 */

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

interface Operation {
  name: string;
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
  requestBody?: { content?: Record<string, { example?: unknown; examples?: unknown }> };
}

let doc: any;
let operations: Operation[];

beforeAll(async () => {
  // The outbox mailer mounts /dev/outbox, so the dev-only routes are in the document too.
  const t = await createTestApp({ outbox: true });
  doc = (await t.call('GET', '/openapi.json')).json;
  operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      ...operation,
    })),
  );
});

describe('the OpenAPI document', () => {
  it('names every operation with a unique verbNoun operationId', () => {
    expect(operations.length).toBeGreaterThan(90);
    const unnamed = operations.filter(
      ({ operationId }) => !/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(operationId ?? ''),
    );
    expect(unnamed.map(({ name, operationId }) => `${name}: ${operationId ?? 'none'}`)).toEqual([]);
    const seen = new Map<string, string>();
    const repeated = operations.filter(({ operationId, name }) => {
      const first = seen.get(operationId as string);
      seen.set(operationId as string, first ?? name);
      return first !== undefined;
    });
    expect(repeated.map(({ name, operationId }) => `${name} repeats ${operationId}`)).toEqual([]);
  });

  it('declares the security of every operation: [] when public, the bearer scheme otherwise', () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    const undeclared = operations.filter(({ security }) => !Array.isArray(security));
    expect(undeclared.map(({ name }) => name)).toEqual([]);
    const unknown = operations.filter(({ security }) =>
      (security ?? []).some((requirement) => Object.keys(requirement).some((key) => !schemes.includes(key))),
    );
    expect(unknown.map(({ name }) => name)).toEqual([]);
    const publicOnes = operations.filter(({ security }) => security?.length === 0).map(({ name }) => name);
    expect(publicOnes).toEqual(expect.arrayContaining(['POST /auth/login', 'GET /health', 'GET /castings']));
    expect(publicOnes).not.toContain('GET /user/profile');
  });

  it('documents a 4xx answer of every operation, in the error envelope', () => {
    const without = operations.filter(
      ({ responses }) => !Object.keys(responses).some((status) => /^4/.test(status)),
    );
    expect(without.map(({ name }) => name)).toEqual([]);
    const login = doc.paths['/auth/login'].post.responses['401'];
    expect(login.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('gives every JSON request body an example', () => {
    const withBody = operations.filter(({ requestBody }) => requestBody?.content?.['application/json']);
    expect(withBody.length).toBeGreaterThan(35);
    const without = withBody.filter(({ requestBody }) => {
      const media = requestBody?.content?.['application/json'];
      return media?.example === undefined && media?.examples === undefined;
    });
    expect(without.map(({ name }) => name)).toEqual([]);
  });

  it('names its licence', () => {
    expect(doc.info.license).toMatchObject({ name: expect.any(String), identifier: expect.any(String) });
  });

  it("passes Redocly's recommended lint with no error and no warning", async () => {
    // Redocly resolves its ignore file's entries against the folder it runs in: the document goes there
    // as openapi.json, beside the repo's configuration and ignore file.
    const folder = await mkdtemp(join(tmpdir(), 'amply-openapi-lint-'));
    await writeFile(join(folder, 'openapi.json'), JSON.stringify(doc, null, 2));
    for (const file of ['redocly.yaml', '.redocly.lint-ignore.yaml']) {
      await copyFile(join(root, file), join(folder, file));
    }
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const result = await run(process.execPath, [cli, 'lint', 'openapi.json', '--format=json'], {
      cwd: folder,
      env: childEnv({ REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }),
      maxBuffer: 16 * 1024 * 1024,
    }).catch((failure: { stdout: string; stderr: string }) => failure);
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = report.problems.map(
      ({ ruleId, message, location }) => `${ruleId} at ${location[0]?.pointer}: ${message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    // Each exception in the ignore file still matches something: a stale one would hide a future fault.
    expect(report.totals.ignored).toBe(4);
  }, 60_000);
});
