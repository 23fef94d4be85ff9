import {
  AmplyApiError,
  applicationStatusChangeStatusValues,
  castingInputCompensationTypeValues,
  castingInputRoleTypeValues,
  profileInputRolesValues,
  type Schemas,
  unwrap,
} from '@amply/client';
import { useState } from 'preact/hooks';
import { amply, useSignedIn } from '../api.js';
import { Link, navigate } from '../router.js';
import { Field, Form, Notice, Page, Problem, Select, useAction, useLoad, when } from '../ui.js';

type RoleType = Schemas['CastingInput']['roleType'];
type Compensation = Schemas['CastingInput']['compensationType'];
type Role = Schemas['ProfileInput']['roles'][number];

/** The signed-in user's casting profile, or null before they made one. */
async function myProfile() {
  const answer = await amply.api.GET('/users/me');
  if (answer.response.status === 404) return null;
  return unwrap(answer);
}

function CastingProfile({ onSaved }: { onSaved: () => void }) {
  const profile = useLoad(myProfile);
  const [username, setUsername] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const data = profile.data;
  const save = useAction(async () => {
    unwrap(await amply.api.PUT('/users/me', { body: { username: username || data?.username || '', roles } }));
    if (file) await amply.uploads.avatar({ file });
    profile.reload();
    onSaved();
  });
  const toggle = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...new Set([...current, role])] : current.filter((r) => r !== role)));
  return (
    <section class="panel" aria-labelledby="casting-profile-heading">
      <h2 id="casting-profile-heading">Your casting profile</h2>
      <Problem error={profile.error} />
      {data ? (
        <p class="profile-line">
          {data.avatarThumbnailUrl ? (
            <img src={data.avatarThumbnailUrl} alt="" width={48} height={48} />
          ) : null}
          <strong>{data.username}</strong> · {data.roles.join(' and ')}
        </p>
      ) : (
        <p>Choose a username and whether you are an artist, a recruiter or both.</p>
      )}
      <Form onSubmit={save.run} label="Casting profile" class="form grid">
        <Field
          label="Username"
          value={username}
          onValue={setUsername}
          placeholder={data?.username}
          required={!data}
        />
        <fieldset>
          <legend>Roles</legend>
          {profileInputRolesValues.map((role) => (
            <div class="field checkbox" key={role}>
              <input
                id={`role-${role}`}
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) => toggle(role, (event.target as HTMLInputElement).checked)}
              />
              <label for={`role-${role}`}>{role}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="avatar">Avatar (optional)</label>
          <input
            id="avatar"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </div>
        <Problem error={save.error} />
        <button type="submit" disabled={save.busy || roles.length === 0}>
          Save profile
        </button>
      </Form>
    </section>
  );
}

function PostCasting() {
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [roleType, setRoleType] = useState<RoleType>('vocalist');
  const [location, setLocation] = useState('');
  const [compensationType, setCompensationType] = useState<Compensation>('paid');
  const [expires, setExpires] = useState(inAMonth);
  const [questions, setQuestions] = useState('');
  const post = useAction(async () => {
    const casting = unwrap(
      await amply.api.POST('/castings', {
        body: {
          title,
          description,
          roleType,
          location,
          compensationType,
          expiresAt: new Date(`${expires}T23:59:59`).toISOString(),
          questions: questions
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        },
      }),
    );
    navigate(`/castings/${casting.id}`);
  });
  return (
    <section class="panel" aria-labelledby="post-heading">
      <h2 id="post-heading">Post a casting call</h2>
      <p>For recruiters.</p>
      <Form onSubmit={post.run} label="Post a casting call" class="form grid">
        <Field label="Title" value={title} onValue={setTitle} required />
        <Field label="Location" value={location} onValue={setLocation} required />
        <Select
          label="Role"
          value={roleType}
          onValue={(value) => setRoleType(value as RoleType)}
          options={castingInputRoleTypeValues.map((r) => [r, r])}
        />
        <Select
          label="Compensation"
          value={compensationType}
          onValue={(value) => setCompensationType(value as Compensation)}
          options={castingInputCompensationTypeValues.map((c) => [c, c])}
        />
        <Field label="Open until" type="date" value={expires} onValue={setExpires} required />
        <div class="field wide">
          <label for="description">Description</label>
          <textarea
            id="description"
            value={description}
            onInput={(event) => setDescription((event.target as HTMLTextAreaElement).value)}
            required
          />
        </div>
        <div class="field wide">
          <label for="questions">Questions for applicants (one per line)</label>
          <textarea
            id="questions"
            value={questions}
            onInput={(event) => setQuestions((event.target as HTMLTextAreaElement).value)}
          />
        </div>
        <Problem error={post.error} />
        <button type="submit" disabled={post.busy}>
          Post casting
        </button>
      </Form>
    </section>
  );
}

function MyApplications() {
  const applications = useLoad(async () => unwrap(await amply.api.GET('/user/applications')).items);
  if (!applications.data?.length) return null;
  return (
    <section class="panel" aria-labelledby="applications-heading">
      <h2 id="applications-heading">Your applications</h2>
      <ul class="list">
        {applications.data.map((application) => (
          <li key={application.id}>
            <Link href={`/castings/${application.castingId}`}>{application.castingTitle}</Link>{' '}
            <span class={`badge ${application.status}`}>{application.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The casting board: open calls with search and filters; a profile, posting and applications when signed in. */
export function CastingsPage() {
  const signedIn = useSignedIn();
  const [q, setQ] = useState('');
  const [roleType, setRoleType] = useState('');
  const [filters, setFilters] = useState({ q: '', roleType: '' });
  const [round, setRound] = useState(0);
  const castings = useLoad(async () => {
    const query = {
      limit: 20,
      ...(filters.q ? { q: filters.q } : {}),
      ...(filters.roleType ? { roleType: filters.roleType as RoleType } : {}),
    };
    return unwrap(await amply.api.GET('/castings', { params: { query } })).items;
  }, [filters, round]);
  return (
    <Page title="Castings">
      <Form onSubmit={() => setFilters({ q, roleType })} label="Search castings" class="form filters">
        <Field label="Words" type="search" value={q} onValue={setQ} />
        <Select
          label="Role"
          value={roleType}
          onValue={setRoleType}
          options={[['', 'Any role'], ...castingInputRoleTypeValues.map((r): [string, string] => [r, r])]}
        />
        <button type="submit">Search</button>
      </Form>
      <Problem error={castings.error} />
      {castings.data?.length === 0 ? <p role="status">No open castings match.</p> : null}
      <ul class="cards" aria-label="Open castings">
        {(castings.data ?? []).map((casting) => (
          <li key={casting.id}>
            <h2>
              <Link href={`/castings/${casting.id}`}>{casting.title}</Link>
            </h2>
            <p>
              {casting.roleType} · {casting.location} · {casting.compensationType}
            </p>
            <p class="muted">until {when(casting.expiresAt)}</p>
          </li>
        ))}
      </ul>
      {signedIn ? (
        <>
          <CastingProfile onSaved={() => setRound((value) => value + 1)} />
          <PostCasting />
          <MyApplications />
        </>
      ) : (
        <p>
          <Link href="/sign-in">Sign in</Link> to post or apply.
        </p>
      )}
    </Page>
  );
}

function Applications({ castingId }: { castingId: string }) {
  const applications = useLoad(
    async () =>
      unwrap(await amply.api.GET('/castings/{id}/applications', { params: { path: { id: castingId } } }))
        .items,
  );
  const decide = useAction(async (applicationId: string, status: 'shortlisted' | 'rejected' | 'accepted') => {
    unwrap(
      await amply.api.PATCH('/castings/{id}/applications/{applicationId}', {
        params: { path: { id: castingId, applicationId } },
        body: { status },
      }),
    );
    applications.reload();
  });
  return (
    <section class="panel" aria-labelledby="received-heading">
      <h2 id="received-heading">Applications</h2>
      <Problem error={applications.error ?? decide.error} />
      {applications.data?.length === 0 ? <p>No applications yet.</p> : null}
      <ul class="list">
        {(applications.data ?? []).map((application) => (
          <li key={application.id}>
            <strong>{application.artistId}</strong>{' '}
            <span class={`badge ${application.status}`}>{application.status}</span>
            {application.message ? <p>{application.message}</p> : null}
            <div class="actions">
              {applicationStatusChangeStatusValues.map((status) => (
                <button
                  key={status}
                  type="button"
                  class="small secondary"
                  disabled={application.status === status || application.status === 'withdrawn'}
                  onClick={() => decide.run(application.id, status)}
                >
                  {{ shortlisted: 'Shortlist', rejected: 'Reject', accepted: 'Accept' }[status]}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Apply({ casting }: { casting: Schemas['Casting'] }) {
  const [message, setMessage] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const apply = useAction(async () => {
    unwrap(
      await amply.api.POST('/castings/{id}/applications', {
        params: { path: { id: casting.id } },
        body: {
          ...(message ? { message } : {}),
          answers: Object.entries(answers)
            .filter(([, answer]) => answer.trim())
            .map(([questionId, answer]) => ({ questionId, answer })),
        },
      }),
    );
    setSent(true);
  });
  if (sent)
    return <Notice>Your application is in. Its status shows under “Your applications” on the board.</Notice>;
  return (
    <section class="panel" aria-labelledby="apply-heading">
      <h2 id="apply-heading">Apply</h2>
      <Form onSubmit={apply.run} label="Apply">
        <div class="field">
          <label for="message">Message</label>
          <textarea
            id="message"
            value={message}
            onInput={(event) => setMessage((event.target as HTMLTextAreaElement).value)}
          />
        </div>
        {casting.questions.map((question) => (
          <Field
            key={question.id}
            label={question.text}
            value={answers[question.id] ?? ''}
            onValue={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
          />
        ))}
        <Problem error={apply.error} />
        <button type="submit" disabled={apply.busy}>
          Send application
        </button>
      </Form>
    </section>
  );
}

/** One casting: its details; the owner sees the applications, anyone else signed in can apply. */
export function CastingPage({ id }: { id: string }) {
  const signedIn = useSignedIn();
  const casting = useLoad(
    async () => unwrap(await amply.api.GET('/castings/{id}', { params: { path: { id } } })),
    [id],
  );
  const me = useLoad(
    async () => (signedIn ? unwrap(await amply.api.GET('/user/profile')).userId : null),
    [signedIn],
  );
  const data = casting.data;
  const mine = data && me.data === data.recruiterId;
  return (
    <Page title={data?.title ?? 'Casting'}>
      <p>
        <Link href="/castings">All castings</Link>
      </p>
      <Problem
        error={
          casting.error instanceof AmplyApiError && casting.error.status === 404
            ? new Error('This casting is gone or closed.')
            : casting.error
        }
      />
      {data ? (
        <>
          <dl class="facts">
            <dt>Role</dt>
            <dd>{data.roleType}</dd>
            <dt>Where</dt>
            <dd>{data.location}</dd>
            <dt>Compensation</dt>
            <dd>
              {data.compensationType}
              {data.compensation ? ` (${data.compensation})` : ''}
            </dd>
            <dt>Open until</dt>
            <dd>{when(data.expiresAt)}</dd>
          </dl>
          <p class="description">{data.description}</p>
          {mine ? (
            <Applications castingId={data.id} />
          ) : signedIn ? (
            <Apply casting={data} />
          ) : (
            <p>
              <Link href="/sign-in">Sign in</Link> to apply.
            </p>
          )}
        </>
      ) : null}
    </Page>
  );
}
