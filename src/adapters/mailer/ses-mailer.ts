import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazy } from '../../lazy.js';
import type { Mailer } from './mailer.js';

/**
 * Sends through Amazon SES (v2 API) with the default AWS credentials of the runtime; `client` replaces
 * the default SES client (another endpoint or credentials).
 */
export function createSesMailer(options: { region: string; from: string; client?: SESv2Client }): Mailer {
  const ses = lazy(async () => {
    const sdk = await import('@aws-sdk/client-sesv2');
    return {
      client: options.client ?? new sdk.SESv2Client({ region: options.region }),
      SendEmailCommand: sdk.SendEmailCommand,
    };
  });
  return {
    async send(message) {
      const { client, SendEmailCommand } = await ses();
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                Html: { Data: message.html, Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
    },
  };
}
