import { type Schemas, type SetupStatus, unwrap } from '@amply/client';
import { useEffect, useState } from 'preact/hooks';
import { amply, useSignedIn } from '../api.js';
import { Link, navigate } from '../router.js';
import { Field, Form, Notice, Page, Problem, Select, useAction, useLoad, when } from '../ui.js';

type Provider = Schemas['CreateArtistRequest']['provider'];

function CreateArtist() {
  const [artistId, setArtistId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [provider, setProvider] = useState<Provider>('aws');
  const create = useAction(async () => {
    unwrap(await amply.api.POST('/artists', { body: { artistId, displayName, provider } }));
    navigate(`/artists/${artistId}`);
  });
  const [existing, setExisting] = useState('');
  return (
    <section class="panel" aria-labelledby="become-heading">
      <h2 id="become-heading">Become an artist</h2>
      <Form onSubmit={create.run} label="Become an artist" class="form grid">
        <Field
          label="Artist id"
          value={artistId}
          onValue={setArtistId}
          hint="3–40 lower-case letters, digits and hyphens: it names your bucket and role."
          pattern="[a-z0-9][a-z0-9\-]{1,38}[a-z0-9]"
          required
        />
        <Field label="Name" value={displayName} onValue={setDisplayName} required />
        <Select
          label="Cloud"
          value={provider}
          onValue={(value) => setProvider(value as Provider)}
          options={[
            ['aws', 'Amazon Web Services'],
            ['gcp', 'Google Cloud'],
            ['azure', 'Microsoft Azure'],
          ]}
        />
        <Problem error={create.error} />
        <button type="submit" disabled={create.busy}>
          Create artist
        </button>
      </Form>
      <Form
        onSubmit={() => navigate(`/artists/${existing}`)}
        label="Open an artist you own"
        class="form inline"
      >
        <Field label="Open an artist you own" value={existing} onValue={setExisting} required />
        <button type="submit" class="secondary">
          Open
        </button>
      </Form>
    </section>
  );
}

/** The public directory of artists, and (signed in) onboarding a new one. */
export function ArtistsPage() {
  const signedIn = useSignedIn();
  const artists = useLoad(
    async () => unwrap(await amply.api.GET('/artists', { params: { query: { limit: 50 } } })).items,
  );
  return (
    <Page
      title="Artists"
      intro="An artist deploys storage and a CDN in their own cloud account; the stack reports back to Amply."
    >
      {signedIn ? <CreateArtist /> : <p>Sign in to set up an artist.</p>}
      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">Directory</h2>
        <Problem error={artists.error} />
        {artists.data?.length === 0 ? <p>No artists yet.</p> : null}
        <ul class="list">
          {(artists.data ?? []).map((artist) => (
            <li key={artist.artistId}>
              <strong>{artist.displayName}</strong>{' '}
              <span class="muted">
                ({artist.artistId}, {artist.provider})
              </span>{' '}
              {artist.ready ? `ready at ${artist.cdnDomain}` : 'setting up'}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function Template({ artistId }: { artistId: string }) {
  const [template, setTemplate] = useState<{ href: string; name: string; launchUrl: string } | null>(null);
  const load = useAction(async () => {
    const answer = unwrap(
      await amply.api.GET('/artists/{artistId}/templates/aws', {
        params: { path: { artistId }, query: { format: 'yaml' } },
      }),
    );
    const href = URL.createObjectURL(new Blob([answer.templateBody], { type: 'application/yaml' }));
    setTemplate({ href, name: `${answer.stackName}.yaml`, launchUrl: answer.launchUrl });
  });
  useEffect(() => () => template && URL.revokeObjectURL(template.href), [template]);
  return (
    <div>
      <button type="button" class="secondary" onClick={() => load.run()} disabled={load.busy}>
        Prepare the CloudFormation template
      </button>
      <Problem error={load.error} />
      {template ? (
        <p class="actions">
          <a class="button" href={template.href} download={template.name}>
            Download {template.name}
          </a>
          <a href={template.launchUrl} rel="noreferrer" target="_blank">
            Open the quick-create page in the AWS console
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** One artist's onboarding: callback token, template, and the setup status as it happens (server-sent events). */
export function ArtistPage({ artistId }: { artistId: string }) {
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [watchError, setWatchError] = useState<unknown>(null);
  const [token, setToken] = useState<Schemas['CallbackToken'] | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    amply.watchSetup(artistId, { onStatus: setStatus, signal: stop.signal }).catch(setWatchError);
    return () => stop.abort();
  }, [artistId]);
  const issue = useAction(async () => {
    setToken(
      unwrap(await amply.api.POST('/artists/{artistId}/callback-tokens', { params: { path: { artistId } } })),
    );
  });
  const offboard = useAction(async () => {
    unwrap(await amply.api.DELETE('/artists/{artistId}', { params: { path: { artistId } } }));
    navigate('/artists');
  });
  return (
    <Page title={`Artist ${artistId}`}>
      <p>
        <Link href="/artists">All artists</Link>
      </p>
      <Problem error={watchError} />
      <section class="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">Setup status</h2>
        <p aria-live="polite" data-testid="setup-status">
          {status ? (
            <>
              <span class={`badge ${status.status}`}>{status.status}</span> since {when(status.updatedAt)}
              {status.reason ? ` — ${status.reason}` : ''}
            </>
          ) : (
            'Listening…'
          )}
        </p>
        {status?.config ? (
          <dl class="facts">
            <dt>Bucket</dt>
            <dd>{status.config.bucketName ?? '—'}</dd>
            <dt>CDN</dt>
            <dd>{status.config.cloudfrontDomain ?? status.config.cdnDomain ?? '—'}</dd>
            <dt>Role</dt>
            <dd>{status.config.roleArn ?? '—'}</dd>
          </dl>
        ) : null}
      </section>
      <section class="panel" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Deploy the stack</h2>
        <ol>
          <li>
            Issue a callback token (single use, 24 hours) and paste it as <code>AmplyApiKey</code>.{' '}
            <button type="button" class="small" onClick={() => issue.run()} disabled={issue.busy}>
              Issue callback token
            </button>
            <Problem error={issue.error} />
            {token ? (
              <Notice>
                Token, shown once (until {when(token.expiresAt)}):{' '}
                <code class="wrap" data-testid="callback-token">
                  {token.token}
                </code>
              </Notice>
            ) : null}
          </li>
          <li>
            Deploy the template in your account; this page updates by itself when the stack calls back.
            <Template artistId={artistId} />
          </li>
        </ol>
      </section>
      <section class="panel" aria-labelledby="offboard-heading">
        <h2 id="offboard-heading">Offboard</h2>
        <button type="button" class="secondary" onClick={() => offboard.run()} disabled={offboard.busy}>
          Delete artist {artistId}
        </button>
        <Problem error={offboard.error} />
      </section>
    </Page>
  );
}
