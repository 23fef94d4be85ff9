import { isoTime } from '../../clock.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { sha256 } from '../../security/keyed-hash.js';
import type { Castings } from './castings.js';
import type { CastingContext } from './context.js';
import {
  alreadyApplied,
  applicationNotFound,
  castingNotFound,
  castingNotOpen,
  changedMeanwhile,
  idempotencyKeyReused,
  invalidTransition,
} from './errors.js';
import { castingMailTemplates } from './mail-templates.js';
import type { Profiles } from './profiles.js';
import type { Application, ApplicationInput, ApplicationListQuery } from './schemas.js';
import type { ApplicationItem, ApplicationStatus } from './store.js';

/*
 * Applications (decision 32). One per artist per casting: a claim item keyed by casting and artist is
 * taken with a conditional put before the application is written, so of any number of concurrent tries
 * exactly one gets through. A claim whose application never appeared (a crash between the two writes) is
 * taken over after a minute. Status changes are conditional on the version read and keep their history;
 * each one is published as an event once stored, and the applicant is mailed about the ones they did not
 * make.
 */

const STALE_CLAIM_MS = 60 * 1000;

/** Who may move an application where. */
const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['shortlisted', 'rejected', 'accepted', 'withdrawn'],
  shortlisted: ['rejected', 'accepted', 'withdrawn'],
  rejected: ['shortlisted'],
  accepted: ['withdrawn'],
  withdrawn: [],
};

export function toApplication(ctx: Pick<CastingContext, 'blobs'>, item: ApplicationItem): Application {
  return {
    id: item.applicationId,
    castingId: item.castingId,
    castingTitle: item.castingTitle,
    artistId: item.artistId,
    status: item.status,
    message: item.message ?? null,
    answers: item.answers ?? [],
    portfolioItems: (item.portfolioItems ?? []).map(({ itemId, title, kind, url, thumbnailKey }) => ({
      id: itemId,
      title,
      kind,
      url: url ?? null,
      thumbnailUrl: thumbnailKey ? ctx.blobs.publicUrl(thumbnailKey) : null,
    })),
    history: item.history.map(({ from, to, by, at }) => ({
      from: (from ?? null) as ApplicationStatus | null,
      to: to as ApplicationStatus,
      by,
      at,
    })),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function createApplications(ctx: CastingContext, profiles: Profiles, castings: Castings) {
  const store = ctx.store;

  /** The application of a casting, or APPLICATION_NOT_FOUND. */
  async function find(castingId: string, applicationId: string): Promise<ApplicationItem> {
    const item = await (await store()).getApplication(castingId, applicationId);
    if (!item) throw applicationNotFound();
    return item;
  }

  /** Moves an application to `to` on behalf of `by`, conditional on the version read; publishes the change. */
  async function transition(
    item: ApplicationItem,
    to: ApplicationStatus,
    by: string,
  ): Promise<ApplicationItem> {
    if (!TRANSITIONS[item.status].includes(to)) throw invalidTransition(item.status, to);
    const at = isoTime(ctx.clock.now());
    const next: ApplicationItem = {
      ...item,
      status: to,
      history: [...item.history, { from: item.status, to, by, at }],
      version: item.version + 1,
      updatedAt: at,
    };
    if (!(await (await store()).replaceApplication(next, item.version))) throw changedMeanwhile();
    await ctx.events.publish({
      type: 'casting.application_status_changed',
      subject: item.applicationId,
      data: {
        applicationId: item.applicationId,
        castingId: item.castingId,
        artistId: item.artistId,
        recruiterId: item.recruiterId,
        from: item.status,
        to,
        changedBy: by,
        changedAt: at,
      },
    });
    return next;
  }

  /** Mails the applicant about a change they did not make; a mail failure is logged, the change stands. */
  async function notifyApplicant(item: ApplicationItem): Promise<void> {
    try {
      const contact = await ctx.accounts.contact(item.artistId);
      if (!contact) return;
      const profile = await (await store()).getProfile(item.artistId);
      await ctx.mailer.send(
        castingMailTemplates.applicationStatusChanged(contact.email, {
          name: profile?.displayName ?? profile?.username ?? contact.displayName,
          castingTitle: item.castingTitle,
          status: item.status,
        }),
      );
    } catch (error) {
      ctx.logger.error({ err: error, applicationId: item.applicationId }, 'application mail failed');
    }
  }

  /** Answers matched to the casting's questions, and snapshots of the attached portfolio items. */
  async function contents(
    artistId: string,
    input: ApplicationInput,
    questions: Array<{ id: string; text: string }>,
  ) {
    const problems: Array<{ field: string; message: string }> = [];
    const seen = new Set<string>();
    const answers = input.answers.flatMap(({ questionId, answer }, index) => {
      const question = questions.find((candidate) => candidate.id === questionId);
      if (!question || seen.has(questionId)) {
        problems.push({
          field: `answers.${index}.questionId`,
          message: question ? 'Answered twice' : 'Not a question of this casting',
        });
        return [];
      }
      seen.add(questionId);
      return [{ questionId, question: question.text, answer }];
    });
    const portfolio = input.portfolioItemIds.length > 0 ? await (await store()).listPortfolio(artistId) : [];
    const portfolioItems = input.portfolioItemIds.flatMap((itemId, index) => {
      const item = portfolio.find((candidate) => candidate.itemId === itemId);
      if (!item) {
        problems.push({ field: `portfolioItemIds.${index}`, message: 'Not an item of your portfolio' });
        return [];
      }
      return [
        {
          itemId,
          title: item.title,
          kind: item.kind,
          ...(item.url ? { url: item.url } : {}),
          ...(item.image ? { thumbnailKey: item.image.thumbnailKey } : {}),
        },
      ];
    });
    if (problems.length > 0) throw new ValidationError('The application is not valid', problems);
    return { answers, portfolioItems };
  }

  return {
    /** Applies once; a second application of the same artist (however concurrent) is ALREADY_APPLIED. */
    async apply(artistId: string, castingId: string, input: ApplicationInput, idempotencyKey?: string) {
      await profiles.requireRole(artistId, 'artist');
      const casting = await castings.load(castingId);
      const now = ctx.clock.now();
      if (casting.recruiterId === artistId) throw new ForbiddenError('You cannot apply to your own casting');
      if (casting.status !== 'open' || casting.expiresAt <= now) throw castingNotOpen();
      const { answers, portfolioItems } = await contents(artistId, input, casting.questions ?? []);
      const keyHash = idempotencyKey === undefined ? undefined : sha256(idempotencyKey);
      const requestHash = sha256(JSON.stringify(input));
      const s = await store();

      const applicationId = ctx.newId('app', now);
      const claim = { castingId, artistId, applicationId, claimedAt: now };
      if (!(await s.claimApplication(claim))) {
        const held = await s.getApplicationClaim(castingId, artistId);
        const earlier = held ? await s.getApplication(castingId, held.applicationId) : null;
        if (earlier) {
          if (keyHash === undefined || earlier.keyHash !== keyHash) throw alreadyApplied();
          if (earlier.requestHash !== requestHash) throw idempotencyKeyReused();
          return { application: toApplication(ctx, earlier), replayed: true };
        }
        // No application behind the claim: a concurrent try still writing it, or one that crashed.
        if (
          !held ||
          now - held.claimedAt < STALE_CLAIM_MS ||
          !(await s.claimApplication(claim, held.claimedAt))
        ) {
          throw alreadyApplied();
        }
      }
      const at = isoTime(now);
      const item: ApplicationItem = {
        castingId,
        applicationId,
        artistId,
        recruiterId: casting.recruiterId,
        castingTitle: casting.title,
        status: 'submitted',
        ...(input.message ? { message: input.message } : {}),
        answers,
        portfolioItems,
        history: [{ to: 'submitted', by: artistId, at }],
        ...(keyHash ? { keyHash, requestHash } : {}),
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await s.createApplication(item);
      return { application: toApplication(ctx, item), replayed: false };
    },

    /** The casting's applications, for its owner only (anyone else: 404), newest first. */
    async listForCasting(userId: string, castingId: string, query: ApplicationListQuery) {
      const casting = await castings.load(castingId);
      if (casting.recruiterId !== userId) throw castingNotFound();
      const scope = `applications:${castingId}:${query.status ?? '*'}`;
      const page = await (await store()).listApplications(
        castingId,
        query.status,
        query.limit,
        ctx.cursors.open(scope, query.cursor),
      );
      return {
        items: page.items.map((item) => toApplication(ctx, item)),
        nextCursor: ctx.cursors.seal(scope, page.cursor),
      };
    },

    /** The casting's owner sets shortlisted, rejected or accepted; the applicant is mailed. */
    async setStatus(userId: string, castingId: string, applicationId: string, to: ApplicationStatus) {
      const casting = await castings.load(castingId);
      if (casting.recruiterId !== userId) throw castingNotFound();
      const next = await transition(await find(castingId, applicationId), to, userId);
      await notifyApplicant(next);
      return toApplication(ctx, next);
    },

    /** The applicant withdraws; anyone else (the casting's owner too) gets 404. */
    async withdraw(userId: string, castingId: string, applicationId: string) {
      const item = await find(castingId, applicationId);
      if (item.artistId !== userId) throw applicationNotFound();
      return toApplication(ctx, await transition(item, 'withdrawn', userId));
    },

    /** The caller's own applications with their status, newest first. */
    async mine(userId: string, query: { limit: number; cursor?: string | undefined }) {
      const scope = `my-applications:${userId}`;
      const page = await (await store()).listApplicationsOf(
        userId,
        query.limit,
        ctx.cursors.open(scope, query.cursor),
      );
      return {
        items: page.items.map((item) => toApplication(ctx, item)),
        nextCursor: ctx.cursors.seal(scope, page.cursor),
      };
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;
