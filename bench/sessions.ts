// `npm run bench:sessions`: GET /user/sessions in-process — through `createApp` (no network between
// client and app) on the embedded engine in this process, one request at a time — for an account signed
// in on 5 devices and on 50 (the list reads one page, so p50 should barely move); and GET /admin/users
// with an address prefix (one Query of the search index). A run takes well under the five-minute window,
// so after the first request no last-used write is tried (the steady state of a device checking its list).
import { randomBytes } from 'node:crypto';
import { BENCH_PASSWORD, latencyRow, loadLine, runToExit, startInProcessAmply } from './in-process.js';
import { heading, table } from './report.js';

const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 300);
const WARMUP = 30;
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

async function main() {
  const amply = await startInProcessAmply('sessions');
  const { call, modules } = amply;
  try {
    /** A confirmed account signed in `devices` times; answers the latest access token. */
    async function accountOn(devices: number, email: string): Promise<string> {
      await amply.confirmedAccount(email);
      let token = '';
      for (let i = 0; i < devices; i += 1) {
        token = (
          await call('POST', '/auth/login', { email, password: BENCH_PASSWORD }, undefined, `curl/8.${i}.0`)
        ).accessToken;
      }
      return token;
    }

    async function timed(path: string, token: string): Promise<number[]> {
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
        const started = performance.now();
        await call('GET', path, undefined, token);
        if (i >= WARMUP) samples.push(performance.now() - started);
      }
      return samples;
    }

    progress('accounts signed in on 5 and on 50 devices');
    const tag = randomBytes(3).toString('hex');
    const five = await accountOn(5, `five-${tag}@example.com`);
    const fifty = await accountOn(50, `fifty-${tag}@example.com`);
    const adminEmail = `admin-${tag}@example.com`;
    // The administrator is made the way the CLI makes one.
    await modules.identity.provisionAdmin({ email: adminEmail, password: BENCH_PASSWORD, name: 'Admin' });
    const admin = (await call('POST', '/auth/login', { email: adminEmail, password: BENCH_PASSWORD }))
      .accessToken;
    progress(`${REQUESTS} requests each, one at a time`);
    const rows: (string | number)[][] = [];
    rows.push(latencyRow('GET /user/sessions, 5 devices', await timed('/user/sessions', five)));
    rows.push(
      latencyRow('GET /user/sessions, 50 devices (first page of 20)', await timed('/user/sessions', fifty)),
    );
    rows.push(
      latencyRow('GET /admin/users?email=<prefix of 2 accounts>', await timed(`/admin/users?email=f`, admin)),
    );
    console.log(heading('Device sessions in-process (createApp, embedded engine, one at a time)'));
    console.log(table(['operation', 'count', 'p50', 'p99'], rows));
    console.log(loadLine());
  } finally {
    await amply.close();
  }
}

runToExit(main);
