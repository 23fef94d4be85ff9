/*
 * The typed client's generated files, from the OpenAPI document `npm start` serves (dev stage, every module,
 * the dev-only routes included): `openapi.ts` (openapi-typescript's types of every path) and
 * `route-security.ts` (which routes take the access token). `npm run client:generate` writes them;
 * clients/typescript/src/generated.test.ts regenerates them and fails when the committed ones differ.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';

/** Where the generated files live, relative to the repository root. */
export const GENERATED_DIR = 'clients/typescript/src/generated';

const HEADER =
  '// Generated from the Amply OpenAPI document by `npm run client:generate`. Do not edit by hand.\n\n';

/** The document as the dev server serves it, rendered in-process (nothing listens, no table is touched). */
export async function renderOpenApiDocument(): Promise<OpenApiDocument> {
  const dataDir = await mkdtemp(join(tmpdir(), 'amply-openapi-'));
  try {
    const config = loadConfig({
      AMPLY_STAGE: 'dev',
      AMPLY_DATA_DIR: dataDir,
      AMPLY_PUBLIC_URL: 'http://127.0.0.1:3000',
      AMPLY_DEV_OIDC: 'off',
    });
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const deps = await createDeps(config, { logger: createLogger({ level: 'silent', destination: silent }) });
    const { app } = createApp(deps, { remoteAddress: () => '127.0.0.1' });
    const response = await app.request('/openapi.json');
    return (await response.json()) as OpenApiDocument;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

type Security = 'required' | 'optional' | 'none';

/** The part of an OpenAPI document read here (openapi-typescript reads the rest). */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Array<Record<string, unknown>> }>>;
  [member: string]: unknown;
}

/** `required` when only the bearer scheme is listed, `optional` when `{}` is listed beside it, `none` for `[]`. */
function securityOf(operation: { security?: Array<Record<string, unknown>> }): Security {
  const requirements = operation.security ?? [];
  if (requirements.length === 0) return 'none';
  return requirements.some((requirement) => Object.keys(requirement).length === 0) ? 'optional' : 'required';
}

interface PropertySchema {
  enum?: unknown[];
  items?: { enum?: unknown[] };
}

const camel = (words: string) => words.replace(/[^A-Za-z0-9]+(.)/g, (_, next: string) => next.toUpperCase());

/**
 * `enum-values.ts`: every enumeration of strings on a component schema's own properties (and on the items of
 * its list properties) as a constant array, named
 * `<schema><Property>Values` (`castingInputRoleTypeValues`), checked against the generated types — what a form
 * offers as choices, kept in step with the API. (openapi-typescript's own `enumValues` option also walks into
 * nullable objects and emits code that does not compile.)
 */
function enumValuesFile(doc: OpenApiDocument): string {
  const schemas = ((doc.components as { schemas?: object } | undefined)?.schemas ?? {}) as Record<
    string,
    { properties?: Record<string, PropertySchema> }
  >;
  const lines = Object.entries(schemas).flatMap(([schema, { properties = {} }]) =>
    Object.entries(properties).flatMap(([property, definition]) => {
      const values = definition.enum ?? definition.items?.enum;
      if (!values?.every((value) => typeof value === 'string')) return [];
      const name = camel(`${schema[0]?.toLowerCase()}${schema.slice(1)}-${property}`);
      // Both the schema (a nullable object) and the property may admit null.
      const field = `NonNullable<NonNullable<components['schemas']['${schema}']>['${property}']>`;
      const element = definition.enum ? field : `${field}[number]`;
      return [
        `export const ${name}Values = ${JSON.stringify(values)} as const satisfies ReadonlyArray<${element}>;\n`,
      ];
    }),
  );
  return `${HEADER}import type { components } from './openapi.js';\n\n${lines.join('')}`;
}

/** The generated files' contents by file name. */
export async function generateClientFiles(doc: OpenApiDocument): Promise<Record<string, string>> {
  // openapi-typescript is the client package's tool (it wants TypeScript 5's compiler API beside it).
  const fromClient = createRequire(join(import.meta.dirname, '../clients/typescript/package.json'));
  const { default: openapiTS, astToString } = await import(
    pathToFileURL(fromClient.resolve('openapi-typescript')).href
  );
  const types = astToString(
    await openapiTS(structuredClone(doc), {
      silent: true,
      // A field with a default may be left out of a request: it is not required.
      defaultNonNullable: false,
    }),
  );
  const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => [
      `${method.toUpperCase()} ${path}`,
      securityOf(operation),
    ]),
  );
  const security =
    `${HEADER}/** How each route takes the access token: \`required\`, \`optional\` (sent when signed in) or \`none\`. */\n` +
    "export const routeSecurity: Record<string, 'required' | 'optional' | 'none'> = {\n" +
    routes.map(([route, value]) => `  '${route}': '${value}',\n`).join('') +
    '};\n';
  return {
    'openapi.ts': HEADER + types,
    'route-security.ts': security,
    'enum-values.ts': enumValuesFile(doc),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await generateClientFiles(await renderOpenApiDocument());
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(import.meta.dirname, '..', GENERATED_DIR, name), content);
    console.info(`wrote ${GENERATED_DIR}/${name}`);
  }
}
