/** One message, already rendered: both a plain-text and an HTML body. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail port: an outbox folder in dev, SMTP or Amazon SES elsewhere. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
