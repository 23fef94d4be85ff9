import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import {
  login,
  registerAndReadCode,
  request,
  runCli,
  serverPool,
  startServer,
  uniqueAddress,
} from './server-process.js';

const pool = serverPool('casting');
const engines: EmbeddedEngine[] = [];

afterEach(pool.stopAll);
afterAll(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  await pool.removeAll();
});

/** Registers, confirms and signs in through the server, then creates a profile with these roles. */
async function memberOn(base: string, label: string, roles: string[]) {
  const email = uniqueAddress(label);
  const { code } = await registerAndReadCode(base, email);
  expect((await request(base, 'POST', '/auth/confirm', { body: { email, code } })).status).toBe(200);
  const { accessToken: token } = await login(base, email);
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const profile = await request(base, 'PUT', '/users/me', { token, body: { username, roles } });
  expect(profile.status).toBe(200);
  return { email, token, username, userId: profile.json.data.userId as string };
}

describe('the casting board on the started server', () => {
  it('posts a casting, finds it by word, applies, shortlists, and mails the applicant through the outbox', async () => {
    const server = await pool.start(await pool.freshDataDir());
    const base = server.baseUrl;
    const recruiter = await memberOn(base, 'recruiter', ['recruiter']);
    const artist = await memberOn(base, 'artist', ['artist']);

    const created = await request(base, 'POST', '/castings', {
      token: recruiter.token,
      body: {
        title: 'Trumpet player for a brass band',
        description: 'Street parades all summer.',
        roleType: 'instrumentalist',
        location: 'New Orleans',
        compensationType: 'paid',
        skills: ['Trumpet'],
        questions: ['Can you march?'],
        expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const castingId = created.json.data.id;
    const found = await request(base, 'GET', '/castings?q=trumpet&location=new%20orleans');
    expect(found.json.data.items.map((item: { id: string }) => item.id)).toEqual([castingId]);

    const applied = await request(base, 'POST', `/castings/${castingId}/applications`, {
      token: artist.token,
      body: { answers: [{ questionId: 'q1', answer: 'Since I was nine.' }] },
    });
    expect(applied.status).toBe(201);
    const path = `/castings/${castingId}/applications/${applied.json.data.id}`;
    const shortlisted = await request(base, 'PATCH', path, {
      token: recruiter.token,
      body: { status: 'shortlisted' },
    });
    expect(shortlisted.json.data.status).toBe('shortlisted');

    const outbox = await request(base, 'GET', `/dev/outbox?to=${encodeURIComponent(artist.email)}`);
    expect(outbox.json.data.items.map((mail: { subject: string }) => mail.subject)).toContain(
      'Your application to “Trumpet player for a brass band” has been shortlisted',
    );
    const mine = await request(base, 'GET', '/user/applications', { token: artist.token });
    expect(mine.json.data.items[0]).toMatchObject({ castingId, status: 'shortlisted' });
    const profile = await request(base, 'GET', `/users/by-username/${artist.username.toUpperCase()}`);
    expect(profile.json.data.userId).toBe(artist.userId);
    expect(profile.text).not.toContain(artist.email);
  });

  it('amply seed loads sample data into a running server’s engine, with a progress bar, and its accounts sign in', async () => {
    const dataDir = await pool.freshDataDir();
    const server = await pool.start(dataDir);
    const seeded = await runCli(['seed', '--users', '5', '--castings', '3', '--guitars', '2'], {
      dataDir,
      timeoutMs: 60_000,
    });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stderr).toMatch(/\[#{30}\] (\d+)\/\1 guitars\n$/);
    expect(seeded.stdout).toMatch(
      /^Loaded 5 users, 3 castings, \d+ applications and 2 guitars into amply-dev/m,
    );
    const [, email, password] =
      /Sign in as (\S+) \(artist\) or \S+ \(recruiter\) with the password (\S+)/.exec(seeded.stdout) ?? [];

    const base = server.baseUrl;
    expect((await request(base, 'GET', '/castings')).json.data.items).toHaveLength(3);
    const users = (await request(base, 'GET', '/users')).json.data.items;
    expect(users).toHaveLength(5);
    expect(users[0].avatarThumbnailUrl).toMatch(/-thumb\.webp$/);
    const { accessToken } = await login(base, email as string, password);
    const applications = await request(base, 'GET', '/user/applications', { token: accessToken });
    expect(applications.json.data.items.length).toBeGreaterThan(0);
  });

  it('amply seed --endpoint --table loads any DynamoDB endpoint, which a server then serves', async () => {
    const engine = await startEmbeddedEngine();
    engines.push(engine);
    const dataDir = await pool.freshDataDir();
    const seeded = await runCli(
      [
        'seed',
        '--endpoint',
        engine.endpoint,
        '--table',
        'amply-sample',
        '--users',
        '3',
        '--castings',
        '2',
        '--guitars',
        '1',
      ],
      { dataDir, timeoutMs: 60_000 },
    );
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain(`into amply-sample at ${engine.endpoint}`);
    const server = await startServer({
      dataDir,
      env: {
        AMPLY_STORAGE: 'aws',
        AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
        AMPLY_TABLE_NAME: 'amply-sample',
      },
    });
    try {
      expect((await request(server.baseUrl, 'GET', '/castings')).json.data.items).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });
});
