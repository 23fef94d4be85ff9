import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The e2e tests start `dist/node.mjs` and `dist/cli.mjs`: build them once, as `npm start` would. */
export default async function setup() {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], {
    cwd: new URL('../../', import.meta.url),
  });
}
