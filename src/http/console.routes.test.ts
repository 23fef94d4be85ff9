import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { consoleContentSecurityPolicy } from './console.routes.js';

const PAGE =
  '<!doctype html><title>Amply console</title><script type="module" src="assets/app-ABC123.js"></script>';

let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amply-console-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), PAGE);
  await writeFile(join(dir, 'assets', 'app-ABC123.js'), 'console.log("console")');
  await writeFile(join(dir, 'secret.txt'), 'not an asset');
  t = await createTestApp({ consoleDir: dir });
});

describe('the console on the dev stage', () => {
  it('answers its page at every console address, with a policy that allows only its own scripts', async () => {
    for (const path of [
      '/console/',
      '/console/guitars/01J0000000000000000000000',
      '/console/auth/callback',
    ]) {
      const response = await t.app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("default-src 'none'");
      expect(await response.text()).toBe(PAGE);
    }
    const bare = await t.app.request('/console');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves hashed assets for a year and nothing else from the folder', async () => {
    const asset = await t.app.request('/console/assets/app-ABC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log("console")');

    for (const path of [
      '/console/assets/missing-XYZ.js',
      '/console/assets/..%2Fsecret.txt',
      '/console/assets/secret.txt',
      '/console/assets/..%2Findex.html',
    ]) {
      const response = await t.app.request(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 in the envelope while the console is not built', async () => {
    const unbuilt = await createTestApp({ consoleDir: join(dir, 'nowhere') });
    const response = await unbuilt.call('GET', '/console/');
    expect(response.status).toBe(404);
    expect(response.json.error.message).toContain('npm run build');
  });

  it('is not served by an app given no console folder (the Lambda entry gives none)', async () => {
    const notGiven = await createTestApp();
    expect((await notGiven.app.request('/console/')).status).toBe(404);
  });
});

describe('consoleContentSecurityPolicy', () => {
  it('lets the page reach the S3 bucket and media CDN it uploads to and shows images from', () => {
    const policy = consoleContentSecurityPolicy(
      loadConfig({
        AMPLY_BLOBS: 's3',
        AMPLY_S3_BUCKET: 'amply-media',
        AWS_REGION: 'eu-north-1',
        AMPLY_MEDIA_BASE_URL: 'https://media.example.net/path',
      }),
    );
    expect(policy).toContain(
      "connect-src 'self' https://media.example.net https://amply-media.s3.eu-north-1.amazonaws.com",
    );
    expect(policy).toContain('img-src');
    expect(policy).not.toContain('unsafe-inline');
  });
});
