import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The e2e tests start `dist/node.mjs`, `dist/cli.mjs` and the Lambda bundle `dist/lambda/`: build them once. */
export default async function setup() {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--lambda'], {
    cwd: new URL('../../', import.meta.url),
  });
}
