import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import type { Mailer, MailMessage } from './mailer.js';

export interface OutboxMessage extends MailMessage {
  sentAt: string;
}

export interface OutboxMailer extends Mailer {
  /** Messages in the outbox, newest first, optionally only those to one address. */
  list(to?: string): Promise<OutboxMessage[]>;
}

/** Dev stage: every message becomes `<dir>/<time>-<random>.json`, readable by a person or `GET /dev/outbox`. */
export function createOutboxMailer(dir: string, clock: Clock): OutboxMailer {
  let ready: Promise<unknown> | undefined;
  return {
    async send(message) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const sentAt = new Date(clock.now()).toISOString();
      const record: OutboxMessage = { ...message, sentAt };
      const name = `${sentAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(join(dir, name), `${JSON.stringify(record, null, 2)}\n`);
    },
    async list(to) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const wanted = to?.toLowerCase();
      const messages = await Promise.all(
        names
          .filter((name) => name.endsWith('.json'))
          .sort()
          .reverse()
          .map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as OutboxMessage),
      );
      return wanted ? messages.filter((message) => message.to.toLowerCase() === wanted) : messages;
    },
  };
}
