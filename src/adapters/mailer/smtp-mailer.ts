import { lazy } from '../../lazy.js';
import type { Mailer } from './mailer.js';

/** Sends through any SMTP server (`smtp://user:pass@host:port` or `smtps://…`) with nodemailer. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = lazy(async () => {
    const { createTransport } = await import('nodemailer');
    return createTransport(url);
  });
  return {
    async send(message) {
      await (await transport()).sendMail({ from, ...message });
    },
  };
}
