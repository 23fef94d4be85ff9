import { html } from 'hono/html';
import type { MailMessage } from '../../adapters/mailer/mailer.js';

/*
 * Every message identity sends. Each is a pure function of its inputs; values are HTML-escaped by
 * `html`. Messages that answer a request about an address always go out, whether or not an account
 * exists, so the response (and its timing) reveals nothing about the address.
 */

interface Layout {
  to: string;
  subject: string;
  lines: string[];
  code?: string;
}

function render({ to, subject, lines, code }: Layout): MailMessage {
  const text = [...lines, ...(code ? ['', `Your code: ${code}`] : []), '', '— Amply'].join('\n');
  const body = html`<!doctype html>
<html><body style="font-family: system-ui, sans-serif; line-height: 1.5">
${lines.map((line) => html`<p>${line}</p>`)}
${code ? html`<p style="font-size: 1.6em; letter-spacing: 0.2em"><strong>${code}</strong></p>` : ''}
<p>— Amply</p>
</body></html>`;
  return { to, subject, text, html: String(body) };
}

const IGNORE = 'If this was not you, you can ignore this message.';

export const mailTemplates = {
  // No name from the request in here: it is mailed to whatever address was given.
  confirmAccount: (to: string, code: string) =>
    render({
      to,
      subject: 'Confirm your Amply account',
      lines: ['Enter this code to confirm your email address. It is valid for 24 hours.', IGNORE],
      code,
    }),

  registrationAttempt: (to: string, code?: string) =>
    render({
      to,
      subject: 'Someone tried to create an Amply account with your address',
      lines: code
        ? [
            'Somebody (perhaps you) just asked to create an Amply account with this address, which is waiting for confirmation.',
            'This code confirms it with the password chosen in that request; codes sent before no longer work. It is valid for 24 hours.',
            IGNORE,
          ]
        : [
            'Somebody tried to register a new Amply account with this email address, which already has one.',
            'If it was you, sign in instead, or reset your password if you have forgotten it.',
            IGNORE,
          ],
      ...(code ? { code } : {}),
    }),

  noAccount: (to: string) =>
    render({
      to,
      subject: 'About your Amply request',
      lines: [
        'Somebody asked for a code for this email address, but there is no Amply account with it.',
        'If it was you, check which address you used, or create an account.',
        IGNORE,
      ],
    }),

  alreadyConfirmed: (to: string) =>
    render({
      to,
      subject: 'Your Amply account is already confirmed',
      lines: [
        'Somebody asked for a new confirmation code, but this account is already confirmed; just sign in.',
        IGNORE,
      ],
    }),

  resetPassword: (to: string, code: string) =>
    render({
      to,
      subject: 'Reset your Amply password',
      lines: ['Enter this code to choose a new password. It is valid for one hour.', IGNORE],
      code,
    }),

  passwordChanged: (to: string) =>
    render({
      to,
      subject: 'Your Amply password was changed',
      lines: [
        'The password of your Amply account was just changed, and other sessions were signed out.',
        'If this was not you, reset your password now and contact us.',
      ],
    }),

  mfaChanged: (to: string, enabled: boolean) =>
    render({
      to,
      subject: enabled ? 'Two-step sign-in is on' : 'Two-step sign-in is off',
      lines: [
        enabled
          ? 'An authenticator app now guards your Amply account. Keep your recovery codes somewhere safe.'
          : 'Your Amply account no longer asks for an authenticator code when you sign in.',
        'If this was not you, reset your password now and contact us.',
      ],
    }),

  confirmNewEmail: (to: string, code: string) =>
    render({
      to,
      subject: 'Confirm your new Amply email address',
      lines: ['Enter this code to make this your Amply sign-in address. It is valid for 24 hours.', IGNORE],
      code,
    }),

  emailChangeRequested: (to: string, maskedNewEmail: string) =>
    render({
      to,
      subject: 'Someone asked to change your Amply email address',
      lines: [
        `Somebody signed in to your Amply account asked to make ${maskedNewEmail} its sign-in address. It changes only once the code sent there is entered.`,
        'If this was not you, change your password now: that ends every session and the pending change.',
      ],
    }),

  signInLink: (to: string, link: string) =>
    render({
      to,
      subject: 'Your Amply sign-in link',
      lines: [
        'Open this link to sign in to Amply. It works once, for one hour, and only for this address:',
        link,
        'It signs you in even while too many wrong passwords have locked the address.',
        IGNORE,
      ],
    }),

  noSignInLink: (to: string) =>
    render({
      to,
      subject: 'About your Amply sign-in link',
      lines: [
        'Somebody asked for a sign-in link for this email address, but no confirmed Amply account has it.',
        'If it was you, check which address you used, or finish creating your account first.',
        IGNORE,
      ],
    }),

  emailChanged: (to: string, newEmail: string) =>
    render({
      to,
      subject: 'Your Amply email address was changed',
      lines: [
        `Your Amply account now signs in with ${newEmail}.`,
        'If this was not you, contact us at once.',
      ],
    }),
};
