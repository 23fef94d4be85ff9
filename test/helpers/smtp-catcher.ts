import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`, for AMPLY_SMTP_URL or nodemailer. */
  url: string;
  /** Every message received, raw (headers and MIME body), in order. */
  messages: string[];
  close(): Promise<void>;
}

/** An SMTP server on loopback that accepts any message and keeps it: the tests' stand-in for a mail relay. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      stream.on('end', () => {
        messages.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
