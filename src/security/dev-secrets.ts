import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rotateSigningKeys } from './signing-keys.js';

export interface Secrets {
  signingKeys: string;
  encryptionKeys: string;
  hmacSecret: string;
}

async function readOrCreate(path: string, create: () => Promise<string>): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = await create();
  try {
    // 'wx' fails if another process created the file meanwhile; theirs is then the one to use.
    await writeFile(path, value, { mode: 0o600, flag: 'wx' });
    return value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(path, 'utf8');
  }
}

/** The folder holding the dev stage's generated keys. */
export function devKeyDirectory(dataDir: string): string {
  return join(dataDir, 'keys');
}

/**
 * Dev stage only: reads the signing key set, encryption key and HMAC secret from `<dataDir>/keys/`,
 * generating each on first run. Real stages take them from configuration and never reach this.
 */
export async function loadOrCreateDevSecrets(dataDir: string): Promise<Secrets> {
  const dir = devKeyDirectory(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const [signingKeys, encryptionKeys, hmacSecret] = await Promise.all([
    readOrCreate(join(dir, 'signing-keys.json'), () => rotateSigningKeys(undefined)),
    readOrCreate(join(dir, 'encryption-keys'), async () => `dev-1:${randomBytes(32).toString('base64')}\n`),
    readOrCreate(join(dir, 'hmac-secret'), async () => `${randomBytes(32).toString('base64url')}\n`),
  ]);
  return { signingKeys, encryptionKeys: encryptionKeys.trim(), hmacSecret: hmacSecret.trim() };
}
