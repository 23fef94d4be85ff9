import { execFile } from 'node:child_process';
import { cp, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { ARM64_NATIVE_PACKAGES } from '../lib/lambda-asset.js';

/** The ELF machine field of a shared object: 183 is AArch64, 62 is x86-64. */
async function elfMachine(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(20);
    await handle.read(header, 0, 20, 0);
    expect(header.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    return header.readUInt16LE(18);
  } finally {
    await handle.close();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the Lambda asset', () => {
  const assetDir = () => inject('lambdaAssetDir');

  it('holds the bundle with its handler', async () => {
    const entry = await readFile(join(assetDir(), 'index.mjs'), 'utf8');
    expect(entry).toMatch(/export\s*\{[^}]*\bhandler\b/);
  });

  it('carries the linux-arm64 builds of argon2 and sharp (libvips included), and no other native code', async () => {
    for (const name of ARM64_NATIVE_PACKAGES) {
      const natives = (await filesUnder(join(assetDir(), 'node_modules', name))).filter((file) =>
        /\.node$|\.so(\.\d+)*$/.test(file),
      );
      expect(natives.length, name).toBeGreaterThan(0);
      for (const file of natives) expect(await elfMachine(file), file).toBe(183);
    }
    const everyNative = (await filesUnder(join(assetDir(), 'node_modules'))).filter((file) =>
      /\.node$|\.so(\.\d+)*$/.test(file),
    );
    for (const file of everyNative) expect(await elfMachine(file), file).toBe(183);
  });

  it('stays far below Lambda’s 250 MB unzipped limit', async () => {
    let bytes = 0;
    for (const file of await filesUnder(assetDir())) bytes += (await stat(file)).size;
    expect(bytes).toBeLessThan(100 * 1024 * 1024);
  });
});

// The dispatcher builds no app; the proactive refresh builds the app's dependencies (the SDK clients, ElectroDB).
describe.each([
  ['the event dispatcher’s asset', 'eventsAssetDir', 2 * 1024 * 1024],
  ['the proactive refresh’s asset', 'refreshConnectionsAssetDir', 5 * 1024 * 1024],
] as const)('%s', (_name, asset, maxBytes) => {
  it('holds only its own bundle with the handler: no native module, no node_modules', async () => {
    const dir = inject(asset);
    const entry = await readFile(join(dir, 'index.mjs'), 'utf8');
    expect(entry).toMatch(/export\s*\{[^}]*\bhandler\b/);
    const files = await filesUnder(dir);
    expect(files.filter((file) => file.includes('node_modules') || /\.node$/.test(file))).toEqual([]);
    let bytes = 0;
    for (const file of files) bytes += (await stat(file)).size;
    expect(bytes).toBeLessThan(maxBytes);
  });

  it('loads on its own, away from the repository’s node_modules (argon2 and sharp are never imported)', async () => {
    const away = await mkdtemp(join(tmpdir(), 'amply-asset-'));
    try {
      await cp(inject(asset), away, { recursive: true });
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(pathToFileURL(join(away, 'index.mjs')).href)}); console.log(typeof m.handler);`,
        ],
        { cwd: away },
      );
      expect(stdout.trim()).toBe('function');
    } finally {
      await rm(away, { recursive: true, force: true });
    }
  });
});
