// `npm run bench:passkeys`: a passkey sign-in in-process — `POST /auth/passkey/options` then
// `POST /auth/passkey/verify` through `createApp` (no network between client and app) on the embedded
// engine in this process, one ceremony at a time. The authenticator is the software one the route tests
// use (ES256); its signing is not counted. Password sign-in (argon2id) is timed the same way beside it.
import { randomBytes } from 'node:crypto';
import { createSoftwareAuthenticator } from '../test/helpers/software-authenticator.js';
import {
  BENCH_FRONTEND,
  BENCH_PASSWORD,
  latencyRow,
  loadLine,
  runToExit,
  startInProcessAmply,
} from './in-process.js';
import { heading, table } from './report.js';

const SIGN_INS = Number(process.env.BENCH_PASSKEY_SIGN_INS ?? 300);
const WARMUP = 30;
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

async function main() {
  const amply = await startInProcessAmply('passkeys');
  const { call } = amply;
  try {
    progress('an account with a passkey');
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    await amply.confirmedAccount(email);
    const { accessToken } = await call('POST', '/auth/login', { email, password: BENCH_PASSWORD });
    const authenticator = createSoftwareAuthenticator({ origin: BENCH_FRONTEND });
    const creation = await call('POST', '/user/passkeys/registration-options', undefined, accessToken);
    await call('POST', '/user/passkeys', { credential: authenticator.create(creation) }, accessToken);

    progress(`${SIGN_INS} passkey sign-ins and ${SIGN_INS} password sign-ins, one at a time`);
    const ceremony: number[] = [];
    const verify: number[] = [];
    const password: number[] = [];
    for (let i = 0; i < WARMUP + SIGN_INS; i += 1) {
      const started = performance.now();
      const options = await call('POST', '/auth/passkey/options');
      const optionsMs = performance.now() - started;
      const credential = authenticator.get(options);
      const verifying = performance.now();
      await call('POST', '/auth/passkey/verify', { credential });
      const verifyMs = performance.now() - verifying;
      const passwordStarted = performance.now();
      await call('POST', '/auth/login', { email, password: BENCH_PASSWORD });
      const passwordMs = performance.now() - passwordStarted;
      if (i < WARMUP) continue;
      ceremony.push(optionsMs + verifyMs);
      verify.push(verifyMs);
      password.push(passwordMs);
    }

    console.log(heading('Passkey sign-in in-process (createApp, embedded engine, one at a time)'));
    console.log(
      table(
        ['operation', 'count', 'p50', 'p99'],
        [
          latencyRow('options + verify (the whole sign-in)', ceremony),
          latencyRow('POST /auth/passkey/verify', verify),
          latencyRow('POST /auth/login (password, argon2id), for comparison', password),
        ],
      ),
    );
    console.log(loadLine());
  } finally {
    await amply.close();
  }
}

runToExit(main);
