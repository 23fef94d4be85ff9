import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { startSmtpCatcher } from '../../../test/helpers/smtp-catcher.js';
import { mailTemplates } from '../../modules/identity/index.js';
import { createOutboxMailer } from './outbox-mailer.js';
import { createSesMailer } from './ses-mailer.js';
import { createSmtpMailer } from './smtp-mailer.js';

const message = { to: 'ada@example.com', subject: 'Hello', text: 'plain body', html: '<p>html body</p>' };

describe('outbox mailer', () => {
  it('writes each message as a JSON file and lists them newest first, by address', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'amply-outbox-')), 'outbox');
    let now = Date.UTC(2026, 0, 1);
    const outbox = createOutboxMailer(dir, { now: () => now });
    await outbox.send(message);
    now += 1000;
    await outbox.send({ ...message, to: 'bob@example.com', subject: 'Second' });
    now += 1000;
    await outbox.send({ ...message, subject: 'Third' });
    const files = await readdir(dir);
    expect(files).toHaveLength(3);
    const first = JSON.parse(await readFile(join(dir, files.sort()[0] as string), 'utf8'));
    expect(first).toEqual({ ...message, sentAt: '2026-01-01T00:00:00.000Z' });
    expect((await outbox.list('ADA@example.com')).map((item) => item.subject)).toEqual(['Third', 'Hello']);
    expect(await outbox.list()).toHaveLength(3);
  });

  it('lists nothing before the first message', async () => {
    const outbox = createOutboxMailer(join(tmpdir(), `amply-none-${Date.now()}`), { now: () => 0 });
    expect(await outbox.list()).toEqual([]);
  });
});

describe('SMTP mailer', () => {
  it('delivers the text and HTML parts to an SMTP server', async () => {
    const smtp = await startSmtpCatcher();
    try {
      await createSmtpMailer(smtp.url, 'Amply <no-reply@amply.test>').send(message);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('Subject: Hello');
      expect(smtp.messages[0]).toContain('To: ada@example.com');
      expect(smtp.messages[0]).toContain('plain body');
      expect(smtp.messages[0]).toContain('<p>html body</p>');
    } finally {
      await smtp.close();
    }
  });
});

describe('SES mailer', () => {
  it('sends one SendEmail call with both bodies (checked against a hand-written fake SES endpoint)', async () => {
    const requests: { path: string; body: any }[] = [];
    const fake = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        requests.push({ path: request.url ?? '', body: JSON.parse(body) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"MessageId":"m-1"}');
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as AddressInfo;
    try {
      const client = new SESv2Client({
        region: 'eu-west-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      await createSesMailer({ region: 'eu-west-1', from: 'no-reply@amply.test', client }).send(message);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.path).toBe('/v2/email/outbound-emails');
      expect(requests[0]?.body).toMatchObject({
        FromEmailAddress: 'no-reply@amply.test',
        Destination: { ToAddresses: ['ada@example.com'] },
        Content: {
          Simple: {
            Subject: { Data: 'Hello' },
            Body: { Text: { Data: 'plain body' }, Html: { Data: '<p>html body</p>' } },
          },
        },
      });
    } finally {
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});

describe('mail templates', () => {
  it('carry the code in both bodies, and no text from the request', () => {
    const mail = mailTemplates.confirmAccount('ada@example.com', '123456');
    expect(mail.text).toContain('Your code: 123456');
    expect(mail.html).toContain('123456');
  });

  it('escape what they interpolate in HTML', () => {
    const mail = mailTemplates.emailChanged('ada@example.com', '<script>x</script>@example.com');
    expect(mail.html).not.toContain('<script>x</script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
