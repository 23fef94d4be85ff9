import { unwrap } from '@amply/client';
import { amply, useSignedIn } from '../api.js';
import { Link } from '../router.js';
import { Page, Problem, useLoad } from '../ui.js';

function Overview() {
  const profile = useLoad(async () => unwrap(await amply.api.GET('/user/profile')));
  const stats = useLoad(async () => unwrap(await amply.api.GET('/guitars/stats')));
  return (
    <Page title={profile.data ? `Hello, ${profile.data.displayName}` : 'Your Amply'}>
      <Problem error={profile.error} />
      <ul class="cards">
        <li>
          <h2>Profile</h2>
          <p>Your account, second factor and sign-in providers.</p>
          <Link href="/profile">Open your profile</Link>
        </li>
        <li>
          <h2>Platforms</h2>
          <p>Connect Spotify, SoundCloud or YouTube and get fresh tokens.</p>
          <Link href="/platforms">Manage platforms</Link>
        </li>
        <li>
          <h2>Guitars</h2>
          <p>{stats.data ? `${stats.data.count} in your collection.` : 'Your collection, with photos.'}</p>
          <Link href="/guitars">Open the gallery</Link>
        </li>
        <li>
          <h2>Artists</h2>
          <p>Set up an artist's storage and CDN in their own cloud.</p>
          <Link href="/artists">Artist onboarding</Link>
        </li>
        <li>
          <h2>Castings</h2>
          <p>Post casting calls, apply, shortlist.</p>
          <Link href="/castings">The casting board</Link>
        </li>
      </ul>
    </Page>
  );
}

/** The start: what Amply is and how to get in, or an overview once signed in. */
export function HomePage() {
  const signedIn = useSignedIn();
  if (signedIn) return <Overview />;
  return (
    <Page
      title="Welcome to Amply"
      intro="One backend for music platforms: accounts, platform connections, guitar collections, artist setup and a casting board. This console drives all of it through the typed client."
    >
      <p class="actions">
        <Link class="button" href="/sign-up">
          Create an account
        </Link>
        <Link class="button secondary" href="/sign-in">
          Sign in
        </Link>
      </p>
      <p>
        Anyone can browse the <Link href="/castings">casting board</Link> and the{' '}
        <Link href="/artists">artists</Link>.
      </p>
    </Page>
  );
}
