// Child process: how many argon2id verifications a second this machine does with Amply's own hasher
// (OWASP's parameters), enough of them in flight to keep every core busy, and the CPU time each costs.
// Prints `argon2 <json>`.
// Usage: node --import tsx bench/argon2-rate.ts <seconds> [in-flight]
import { createPasswordHasher } from '../src/security/password-hasher.js';

const seconds = Number(process.argv[2] ?? 5);
const inFlight = Number(process.argv[3] ?? 8);
const password = 'Violet-Harbour-Lantern-42';
const hasher = createPasswordHasher();
const hash = await hasher.hash(password);

async function run(durationMs: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        if (!(await hasher.verify(hash, password))) throw new Error('the hash did not verify');
        done += 1;
      }
    }),
  );
  return done;
}

await run(1000); // warm-up: thread pool and allocator
const cpuBefore = process.cpuUsage();
const started = performance.now();
const verified = await run(seconds * 1000);
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuMsPerVerify = (cpu.user + cpu.system) / 1000 / verified;
process.stdout.write(
  `argon2 ${JSON.stringify({ perSecond: verified / elapsed, cpuMsPerVerify, verified, seconds: elapsed, inFlight })}\n`,
);
