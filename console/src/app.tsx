import type { ComponentChildren } from 'preact';
import { amply, apiUrl, sessionChanged, useSignedIn } from './api.js';
import { ArtistPage, ArtistsPage } from './pages/artists.js';
import { AuthCallbackPage, SignInLinkPage } from './pages/auth-callback.js';
import { CastingPage, CastingsPage } from './pages/castings.js';
import { ConfirmPage } from './pages/confirm.js';
import { DevicesPage } from './pages/devices.js';
import { GuitarPage, GuitarsPage } from './pages/guitars.js';
import { HomePage } from './pages/home.js';
import { ConnectReturnPage, PlatformsPage } from './pages/platforms.js';
import { ProfilePage } from './pages/profile.js';
import { SignInPage } from './pages/sign-in.js';
import { SignUpPage } from './pages/sign-up.js';
import { Link, match, navigate, useLocation } from './router.js';
import { Page } from './ui.js';

type Params = Record<string, string>;
interface Route {
  pattern: string;
  page: (params: Params) => ComponentChildren;
  /** Needs a signed-in user (otherwise the sign-in page shows). */
  private?: boolean;
}

const routes: Route[] = [
  { pattern: '/', page: () => <HomePage /> },
  { pattern: '/sign-up', page: () => <SignUpPage /> },
  { pattern: '/confirm', page: () => <ConfirmPage /> },
  { pattern: '/sign-in', page: () => <SignInPage /> },
  { pattern: '/auth/callback', page: () => <AuthCallbackPage /> },
  { pattern: '/auth/sign-in-link', page: () => <SignInLinkPage /> },
  { pattern: '/profile', page: () => <ProfilePage />, private: true },
  { pattern: '/devices', page: () => <DevicesPage />, private: true },
  { pattern: '/platforms', page: () => <PlatformsPage />, private: true },
  { pattern: '/dashboard', page: () => <ConnectReturnPage />, private: true },
  { pattern: '/guitars', page: () => <GuitarsPage />, private: true },
  { pattern: '/guitars/:id', page: ({ id }) => <GuitarPage id={id as string} />, private: true },
  { pattern: '/artists', page: () => <ArtistsPage /> },
  { pattern: '/artists/:id', page: ({ id }) => <ArtistPage artistId={id as string} />, private: true },
  { pattern: '/castings', page: () => <CastingsPage /> },
  { pattern: '/castings/:id', page: ({ id }) => <CastingPage id={id as string} /> },
];

function Navigation({ signedIn }: { signedIn: boolean }) {
  const signOut = async () => {
    try {
      await amply.auth.signOut();
    } finally {
      sessionChanged();
      navigate('/sign-in');
    }
  };
  return (
    <nav aria-label="Main">
      <ul>
        <li>
          <Link href="/">Home</Link>
        </li>
        {signedIn ? (
          <>
            <li>
              <Link href="/profile">Profile</Link>
            </li>
            <li>
              <Link href="/devices">Devices</Link>
            </li>
            <li>
              <Link href="/platforms">Platforms</Link>
            </li>
            <li>
              <Link href="/guitars">Guitars</Link>
            </li>
          </>
        ) : null}
        <li>
          <Link href="/artists">Artists</Link>
        </li>
        <li>
          <Link href="/castings">Castings</Link>
        </li>
        {signedIn ? (
          <li>
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </li>
        ) : (
          <>
            <li>
              <Link href="/sign-in">Sign in</Link>
            </li>
            <li>
              <Link href="/sign-up">Sign up</Link>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}

/** The console: a header with the navigation, and the page of the current address. */
export function App() {
  const location = useLocation();
  const signedIn = useSignedIn();
  let content: ComponentChildren = (
    <Page title="Page not found">
      <p>
        Nothing lives at this address. <Link href="/">Back to the start</Link>.
      </p>
    </Page>
  );
  for (const route of routes) {
    const params = match(route.pattern, location.path);
    if (!params) continue;
    content =
      route.private && !signedIn ? <SignInPage reason="Sign in to see this page." /> : route.page(params);
    break;
  }
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">
          <Link href="/">Amply console</Link>
        </p>
        <Navigation signedIn={signedIn} />
      </header>
      <main id="main">{content}</main>
      <footer class="bottom">
        <p>
          Amply API at <code>{apiUrl}</code>, through <code>@amply/client</code>. API reference:{' '}
          <a href={`${apiUrl}/docs`}>{apiUrl}/docs</a>.
        </p>
      </footer>
    </>
  );
}
