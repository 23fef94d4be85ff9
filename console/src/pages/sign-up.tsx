import { unwrap } from '@amply/client';
import { useState } from 'preact/hooks';
import { amply } from '../api.js';
import { Link, navigate } from '../router.js';
import { Field, Form, Page, Problem, useAction } from '../ui.js';

export function SignUpPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const register = useAction(async () => {
    unwrap(await amply.api.POST('/auth/register', { body: { email, password, name } }));
    navigate(`/confirm?email=${encodeURIComponent(email)}`);
  });
  return (
    <Page title="Create an account" intro="We mail you a 6-digit code to confirm the address.">
      <Form onSubmit={register.run} label="Create an account">
        <Field label="Name" value={name} onValue={setName} autocomplete="name" required />
        <Field label="Email" type="email" value={email} onValue={setEmail} autocomplete="email" required />
        <Field
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          autocomplete="new-password"
          hint="At least 12 characters with upper and lower case, a digit and a symbol; not a common password."
          required
        />
        <Problem error={register.error} />
        <button type="submit" disabled={register.busy}>
          Create account
        </button>
      </Form>
      <p>
        Already have one? <Link href="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
}
