import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Identity's boundaries are held by Biome's noRestrictedImports (biome.json): other code reaches identity
 * only through its index.ts, and its domain code imports nothing from src/http/. These tests lint files
 * laid out like the repository's, in a scratch folder with the repository's biome.json, so a violation
 * is shown to be refused without one ever being written into the repository.
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIOME = join(ROOT, 'node_modules/.bin/biome');

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'amply-import-boundary-'));
  await copyFile(join(ROOT, 'biome.json'), join(scratch, 'biome.json'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Lints `files` (path → source) laid out under the scratch folder; the restricted-import findings by path. */
async function restrictedImports(files: Record<string, string>): Promise<Record<string, string[]>> {
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await writeFile(join(scratch, path), source);
  }
  // Biome exits 1 when it finds errors; its report is on stdout either way.
  const { stdout } = await run(
    BIOME,
    ['lint', '--vcs-enabled=false', '--reporter=json', ...Object.keys(files)],
    {
      cwd: scratch,
    },
  ).catch((error: { stdout: string }) => error);
  const report = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
  const found: Record<string, string[]> = {};
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.category !== 'lint/style/noRestrictedImports') continue;
    found[diagnostic.location.path] = [...(found[diagnostic.location.path] ?? []), diagnostic.message];
  }
  return found;
}

describe('the identity import boundary', () => {
  it('refuses another module importing a file inside identity, and accepts its index.ts', async () => {
    const found = await restrictedImports({
      'src/modules/connections/deep.ts':
        "import type { RequestMeta } from '../identity/context.js';\nexport type Meta = RequestMeta;\n",
      'src/modules/connections/nested.ts':
        "import { createSessions } from '../identity/sessions/sessions.js';\nexport const sessions = createSessions;\n",
      'src/entry/deep.ts':
        "import { mailTemplates } from '../modules/identity/mail-templates.js';\nexport const templates = mailTemplates;\n",
      'src/modules/connections/through-index.ts':
        "import type { RequestMeta } from '../identity/index.js';\nexport type Meta = RequestMeta;\n",
    });

    expect(Object.keys(found).sort()).toEqual([
      'src/entry/deep.ts',
      'src/modules/connections/deep.ts',
      'src/modules/connections/nested.ts',
    ]);
    expect(found['src/entry/deep.ts']?.[0]).toContain('src/modules/identity/index.ts');
  });

  it('refuses src/http imports in identity domain code, and accepts them in route files and index.ts', async () => {
    const httpImport =
      "import type { RateLimiters } from '../../../http/rate-limit.js';\nexport type Limits = RateLimiters;\n";
    const found = await restrictedImports({
      'src/modules/identity/sessions/device-sessions.ts': httpImport,
      'src/modules/identity/context.ts':
        "import type { RateLimiters } from '../../http/rate-limit.js';\nexport type Limits = RateLimiters;\n",
      'src/modules/identity/sessions/device-sessions.routes.ts': httpImport,
      'src/modules/identity/index.ts':
        "import { createAuthenticator } from '../../http/auth.js';\nexport const build = createAuthenticator;\n",
    });

    expect(Object.keys(found).sort()).toEqual([
      'src/modules/identity/context.ts',
      'src/modules/identity/sessions/device-sessions.ts',
    ]);
    expect(found['src/modules/identity/context.ts']?.[0]).toContain('*.routes.ts');
  });
});
