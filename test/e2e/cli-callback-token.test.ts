import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { request, runCli, serverPool, signedUpUser } from './server-process.js';

const pool = serverPool('cli-artist');

afterEach(pool.stopAll);
afterAll(pool.removeAll);

describe('amply issue-callback-token', () => {
  it("prints a token the running server accepts for the artist's callback, and fails for an unknown artist", async () => {
    const dataDir = await pool.freshDataDir();
    const server = await pool.start(dataDir);
    const { accessToken } = await signedUpUser(server.baseUrl, 'cli-artist');
    await request(server.baseUrl, 'POST', '/artists', {
      token: accessToken,
      body: { artistId: 'cli-artist', displayName: 'CLI Artist', provider: 'aws' },
    });

    const issued = await runCli(['issue-callback-token', '--artist', 'cli-artist'], { dataDir });
    expect(issued.code, issued.stderr).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^amply_cli-artist_\d{13}_[0-9a-f]{32}$/);
    expect(issued.stderr).toContain("Paste it into the stack's AmplyApiKey parameter");

    const callback = await request(server.baseUrl, 'POST', '/complete-artist-setup', {
      body: {
        artistId: 'cli-artist',
        provider: 'aws',
        stack_id: 'arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-cli-artist/1',
        outputs: {
          BucketName: 'amply-cli-artist-111122223333',
          CloudFrontDomain: 'd4cli.cloudfront.net',
          RoleArn: 'arn:aws:iam::111122223333:role/AmplyAccessRole-cli-artist',
        },
        callback_token: token,
        callback_timestamp: new Date().toISOString(),
      },
    });
    expect(callback.status).toBe(200);

    const unknown = await runCli(['issue-callback-token', '--artist', 'nobody-here'], { dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('amply: No such artist');
  });
});
