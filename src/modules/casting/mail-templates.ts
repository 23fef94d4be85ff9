import { html } from 'hono/html';
import type { MailMessage } from '../../adapters/mailer/mailer.js';

/*
 * What the casting board mails: a status change of an application, to the applicant. Values are
 * HTML-escaped by `html`.
 */

const VERBS: Record<string, string> = {
  shortlisted: 'has been shortlisted',
  rejected: 'was not successful this time',
  accepted: 'has been accepted',
};

export const castingMailTemplates = {
  applicationStatusChanged(to: string, input: { name: string; castingTitle: string; status: string }) {
    const verb = VERBS[input.status] ?? `is now ${input.status}`;
    const lines = [
      `Hello ${input.name},`,
      `Your application to “${input.castingTitle}” ${verb}.`,
      'You can see all your applications and their status in your Amply account.',
    ];
    const body = html`<!doctype html>
<html><body style="font-family: system-ui, sans-serif; line-height: 1.5">
${lines.map((line) => html`<p>${line}</p>`)}
<p>— Amply</p>
</body></html>`;
    const message: MailMessage = {
      to,
      subject: `Your application to “${input.castingTitle}” ${verb}`,
      text: [...lines, '', '— Amply'].join('\n'),
      html: String(body),
    };
    return message;
  },
};
