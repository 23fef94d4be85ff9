import { hasRoute, unwrap } from '@amply/client';
import { useState } from 'preact/hooks';
import { amply } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { Field, Form, Page, Problem, useAction, when } from '../ui.js';

type OutboxMessage = { to: string; subject: string; text: string; sentAt: string };

/** The mail the dev stage would have sent to `email`, with the code each one carries. */
function DevOutbox({ email, onCode }: { email: string; onCode: (code: string) => void }) {
  const [messages, setMessages] = useState<OutboxMessage[] | null>(null);
  const check = useAction(async () => {
    setMessages(unwrap(await amply.api.GET('/dev/outbox', { params: { query: { to: email } } })).items);
  });
  return (
    <section class="panel" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Development outbox</h2>
      <p>On the dev stage mail is not sent: it waits in the outbox of the server.</p>
      <button type="button" class="secondary" onClick={() => check.run()} disabled={!email || check.busy}>
        Check the dev outbox
      </button>
      <Problem error={check.error} />
      {messages?.length === 0 ? <p role="status">No mail to {email} yet.</p> : null}
      {messages && messages.length > 0 ? (
        <ul class="list" aria-label="Messages">
          {messages.map((message) => {
            const code = /\b(\d{6})\b/.exec(message.text)?.[1];
            return (
              <li key={message.sentAt + message.subject}>
                <strong>{message.subject}</strong> <span class="muted">{when(message.sentAt)}</span>
                {code ? (
                  <button type="button" class="small" onClick={() => onCode(code)}>
                    Use code {code}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

export function ConfirmPage() {
  const location = useLocation();
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  const [code, setCode] = useState('');
  const confirm = useAction(async () => {
    unwrap(await amply.api.POST('/auth/confirm', { body: { email, code } }));
    navigate(`/sign-in?email=${encodeURIComponent(email)}&confirmed=1`);
  });
  const resend = useAction(async () => {
    unwrap(await amply.api.POST('/auth/resend-code', { body: { email } }));
  });
  return (
    <Page title="Confirm your address" intro="Enter the 6-digit code from the mail we sent.">
      <Form onSubmit={confirm.run} label="Confirm your address">
        <Field label="Email" type="email" value={email} onValue={setEmail} autocomplete="email" required />
        <Field
          label="Code"
          value={code}
          onValue={setCode}
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          required
        />
        <Problem error={confirm.error ?? resend.error} />
        <div class="actions">
          <button type="submit" disabled={confirm.busy}>
            Confirm
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => resend.run()}
            disabled={!email || resend.busy}
          >
            Send a new code
          </button>
        </div>
      </Form>
      {hasRoute('GET /dev/outbox') ? <DevOutbox email={email} onCode={setCode} /> : null}
      <p>
        Confirmed already? <Link href="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
}
