import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateClientFiles, renderOpenApiDocument } from '../../../scripts/client-types.js';
import { createTestApp } from '../../../test/helpers/test-app.js';

const root = join(import.meta.dirname, '../../..');

describe('the generated client files', () => {
  it('match what the served OpenAPI document generates (npm run client:generate updates them)', async () => {
    const rendered = await renderOpenApiDocument();
    // The renderer sees the same document a running server serves (apart from the server's address).
    const t = await createTestApp({ outbox: true });
    const served = (await t.call('GET', '/openapi.json')).json;
    expect({ ...rendered, servers: [] }).toEqual({ ...served, servers: [] });

    const files = await generateClientFiles(rendered);
    expect(Object.keys(files).sort()).toEqual(['enum-values.ts', 'openapi.ts', 'route-security.ts']);
    for (const [name, content] of Object.entries(files)) {
      const committed = await readFile(join(root, GENERATED_DIR, name), 'utf8');
      expect(committed, `${GENERATED_DIR}/${name} is out of date: run npm run client:generate`).toBe(content);
    }
  }, 60_000);
});
