import { randomBytes, randomUUID } from 'node:crypto';
import { BLOB_PREFIX } from '../adapters/blobs/blob-store.js';
import type { Deps } from '../deps.js';
import type { AmplyModules } from '../modules/index.js';

/*
 * `amply seed`: sample data through the modules' own services, so it is exactly what the API would
 * have made: confirmed accounts (addresses under example.com, which never receive mail), casting
 * profiles with avatars and portfolios, castings, applications with some status changes, and guitars
 * with images.
 */

export interface SampleCounts {
  users: number;
  castings: number;
  guitars: number;
}

export interface SampleResult {
  password: string;
  artist: string | undefined;
  recruiter: string | undefined;
  counts: { users: number; castings: number; applications: number; guitars: number };
}

const CITIES = ['Berlin, DE', 'London, UK', 'Paris, FR', 'Lisbon, PT', 'Remote'];
const ROLE_TYPES = [
  'vocalist',
  'instrumentalist',
  'band-member',
  'session-musician',
  'dj',
  'producer',
] as const;
const COMPENSATION = ['paid', 'unpaid', 'expenses-only', 'revenue-share'] as const;
const SKILLS = [
  'Jazz',
  'Soul',
  'Guitar',
  'Drums',
  'Piano',
  'Techno',
  'Songwriting',
  'Harmony',
  'Bass',
  'Mixing',
];
const TITLES = [
  'Lead vocalist for a soul revue',
  'Session drummer for an album',
  'DJ for a rooftop summer series',
  'Pianist for a jazz brunch',
  'Bassist for a touring indie band',
  'Producer for a debut EP',
];
const GUITARS = [
  { brand: 'Fender', model: 'Stratocaster', year: 1965, type: 'electric' },
  { brand: 'Gibson', model: 'Les Paul Standard', year: 1959, type: 'electric' },
  { brand: 'Martin', model: 'D-28', year: 1972, type: 'acoustic' },
  { brand: 'Gretsch', model: 'White Falcon', year: 1958, type: 'hollow-body' },
] as const;

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

/** A small JPEG of one colour, as a phone would send (the pipeline makes the thumbnail). */
async function sampleJpeg(index: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const hue = (index * 47) % 255;
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: hue, g: 120, b: 255 - hue } },
  })
    .jpeg()
    .toBuffer();
}

/** Puts bytes where a direct upload of this user would land, and returns the key (what a client's PUT does). */
async function uploadAs(deps: Deps, userId: string, bytes: Buffer): Promise<string> {
  const key = `${BLOB_PREFIX.uploads}${userId}/${randomUUID()}-sample.jpg`;
  await deps.blobs.put(key, bytes, { contentType: 'image/jpeg' });
  return key;
}

/** Loads sample data; `progress(done, total, label)` is called after every step. */
export async function seedSampleData(
  deps: Deps,
  modules: AmplyModules,
  counts: SampleCounts,
  progress: (done: number, total: number, label: string) => void,
): Promise<SampleResult> {
  const { identity, casting, collection } = modules;
  const run = randomBytes(3).toString('hex');
  // One password for the run's accounts, strong enough for the policy, printed once at the end.
  const password = `Sample-${randomBytes(9).toString('base64url')}-7a!`;
  // Every third user recruits; everyone else is an artist. Each artist applies to up to two castings.
  const artistCount = counts.users - Math.ceil(counts.users / 3);
  const applicationsWanted = Math.min(counts.castings * 2, artistCount * 2, artistCount * counts.castings);
  const total = counts.users + counts.castings + applicationsWanted + counts.guitars;
  let done = 0;
  const step = (label: string) => {
    done += 1;
    progress(done, total, label);
  };

  const users: Array<{ userId: string; email: string; roles: Array<'artist' | 'recruiter'> }> = [];
  for (let i = 0; i < counts.users; i += 1) {
    const email = `sample-${run}-${i + 1}@example.com`;
    const name = `Sample ${i + 1}`;
    await identity.register({ email, password, name }, { ip: 'cli' });
    const account = await identity.findByEmail(email);
    if (!account) throw new Error(`the sample account ${email} was not created`);
    await identity.adminConfirm(account.userId, { ip: 'cli' });
    const roles: Array<'artist' | 'recruiter'> = i % 3 === 0 ? ['recruiter'] : ['artist'];
    await casting.profiles.put(account.userId, {
      username: `sample-${run}-${i + 1}`,
      displayName: name,
      roles,
      bio: roles.includes('artist') ? 'A sample artist made by `amply seed`.' : 'A sample recruiter.',
      location: pick(CITIES, i),
      skills: [pick(SKILLS, i), pick(SKILLS, i + 3)],
      links: [`https://example.com/sample-${i + 1}`],
    });
    await casting.profiles.setAvatar(
      account.userId,
      await uploadAs(deps, account.userId, await sampleJpeg(i)),
    );
    if (roles.includes('artist')) {
      await casting.portfolio.add(account.userId, {
        title: `Live session ${i + 1}`,
        kind: 'video',
        url: `https://example.com/sample-${i + 1}/live`,
      });
    }
    users.push({ userId: account.userId, email, roles });
    step('users');
  }

  const recruiters = users.filter((user) => user.roles.includes('recruiter'));
  const artists = users.filter((user) => user.roles.includes('artist'));
  const castings: Array<{ id: string; recruiterId: string }> = [];
  for (let i = 0; i < counts.castings && recruiters.length > 0; i += 1) {
    const recruiter = pick(recruiters, i);
    const { casting: made } = await casting.castings.create(recruiter.userId, {
      title: pick(TITLES, i),
      description: 'A sample casting call made by `amply seed`.',
      roleType: pick(ROLE_TYPES, i),
      location: pick(CITIES, i + 1),
      compensationType: pick(COMPENSATION, i),
      compensation: i % 2 === 0 ? '€250 per day' : undefined,
      skills: [pick(SKILLS, i), pick(SKILLS, i + 5)],
      questions: ['Tell us about a recent gig.'],
      expiresAt: new Date(deps.clock.now() + (14 + (i % 60)) * 24 * 3600 * 1000).toISOString(),
    });
    castings.push({ id: made.id, recruiterId: recruiter.userId });
    step('castings');
  }

  let applications = 0;
  for (let i = 0; i < applicationsWanted; i += 1) {
    // Pair i is casting i mod C with artist ⌊i / C⌋: distinct pairs, spread over both.
    const target = castings[i % Math.max(1, castings.length)];
    const artist = artists[Math.floor(i / Math.max(1, castings.length))];
    if (artist && target) {
      const { application } = await casting.applications.apply(artist.userId, target.id, {
        message: 'I would love to join.',
        answers: [{ questionId: 'q1', answer: 'Last week at a sample club.' }],
        portfolioItemIds: [],
      });
      applications += 1;
      if (i % 3 === 1) {
        await casting.applications.setStatus(target.recruiterId, target.id, application.id, 'shortlisted');
      }
    }
    step('applications');
  }

  for (let i = 0; i < counts.guitars && users.length > 0; i += 1) {
    const owner = pick(users, i);
    const { guitar } = await collection.create(owner.userId, { ...pick(GUITARS, i), color: 'Sunburst' });
    const imageKey = await uploadAs(deps, owner.userId, await sampleJpeg(i + 100));
    await collection.completeUpload(owner.userId, { imageKey, guitarId: guitar.id, caption: 'Front' });
    step('guitars');
  }

  return {
    password,
    artist: artists[0]?.email,
    recruiter: recruiters[0]?.email,
    counts: { users: users.length, castings: castings.length, applications, guitars: counts.guitars },
  };
}
