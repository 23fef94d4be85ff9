import { createHash, randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { StackInspectionError } from '../../adapters/stack-inspector/stack-inspector.js';
import { isoTime } from '../../clock.js';
import { ValidationError } from '../../errors.js';
import { lazy } from '../../lazy.js';
import type { UserDataContributor } from '../user-data.js';
import { createArtistAudit } from './artist-audit.js';
import { createArtistIndex } from './artist-index.js';
import { ownerView, publicView, statusView } from './artist-views.js';
import { CALLBACK_TOKEN_TTL_MS, newCallbackToken } from './callback-token.js';
import type { TemplateFormat } from './cloudformation-template.js';
import type { ArtistsContext, RequestMeta } from './context.js';
import {
  artistIdTaken,
  artistNotFound,
  awsAccountUnknown,
  providerMismatch,
  roleAccountMismatch,
  roleTrustTooBroad,
  stackNotFound,
  templateProviderMismatch,
  upstreamFailed,
} from './errors.js';
import { LIST_SHARDS, listShard } from './list-shards.js';
import type {
  ArtistIndex,
  AwsTemplateSchema,
  CreateArtistBody,
  SetupStatus,
  VerifyStackInput,
  VerifyStackResultSchema,
} from './schemas.js';
import { CALLBACK_TOKEN_PURPOSE, createSetupCompletion } from './setup-completion.js';
import { normaliseOutputs, parseStackArn } from './stack-outputs.js';
import type { ArtistItem, ShardPosition } from './store.js';

type VerifyStackResult = z.infer<typeof VerifyStackResultSchema>;

/** Where rendered stack templates are published (a signed GET URL each); the deployment grants this prefix. */
export const TEMPLATE_BLOB_PREFIX = 'templates/';

/** Artists' domain: onboarding, callback tokens, the template, setup completion and status. No HTTP in here. */
export function createArtistsService(ctx: ArtistsContext) {
  const audit = createArtistAudit(ctx);
  const index = createArtistIndex(ctx);
  const setup = createSetupCompletion(ctx, audit, index);
  const publishedTemplates = new Set<string>();

  /** The artist, if `userId` owns it; anyone else (and a missing artist) gets the same 404. */
  async function owned(userId: string, artistId: string): Promise<ArtistItem> {
    const artist = await (await ctx.store()).getArtist(artistId);
    if (!artist || artist.ownerId !== userId) throw artistNotFound();
    return artist;
  }

  const trustedAccount = lazy(async () => {
    if (ctx.config.artists.trustedAccountId) return ctx.config.artists.trustedAccountId;
    try {
      return await ctx.inspector.ownAccountId();
    } catch (error) {
      ctx.logger.warn({ err: error }, "Amply's AWS account could not be read from its credentials");
      throw awsAccountUnknown();
    }
  });

  /** Removes an artist and everything of it: audit trail, artist item (config and tokens), index entry. */
  async function removeArtist(artist: ArtistItem, ownerId: string): Promise<boolean> {
    const store = await ctx.store();
    const wasReady = artist.status === 'complete';
    if (wasReady) await index.changed(artist.artistId);
    await store.deleteAudit(artist.artistId);
    const removed = await store.deleteArtist(artist.artistId, ownerId);
    ctx.notifier.notify(artist.artistId);
    if (wasReady) await index.rebuildQuietly();
    return removed !== null;
  }

  const pending = (message: string, stackStatus: string | null = null): VerifyStackResult => ({
    status: 'pending',
    message,
    stackStatus,
    reason: null,
    config: null,
  });

  const service = {
    /**
     * Claims the artistId for the user. Repeating the same request (same owner, name and provider)
     * answers the same artist: the artistId is its own idempotency key.
     */
    async createArtist(
      userId: string,
      input: z.infer<typeof CreateArtistBody>,
      meta: RequestMeta,
    ): Promise<ReturnType<typeof ownerView>> {
      const now = isoTime(ctx.clock.now());
      const item: ArtistItem = {
        ...input,
        ownerId: userId,
        externalId: `amply-${randomBytes(16).toString('hex')}`,
        listShard: listShard(input.artistId),
        createdAt: now,
        updatedAt: now,
        status: 'pending',
        setupVersion: 1,
      };
      const store = await ctx.store();
      if (await store.createArtist(item)) {
        await audit.record(item.artistId, 'artist.created', meta, { userId });
        return ownerView(item);
      }
      const existing = await store.getArtist(input.artistId);
      const sameRequest =
        existing?.ownerId === userId &&
        existing.displayName === input.displayName &&
        existing.provider === input.provider;
      if (!existing || !sameRequest) throw artistIdTaken();
      return ownerView(existing);
    },

    async getPublic(artistId: string): Promise<ReturnType<typeof publicView>> {
      const artist = await (await ctx.store()).getArtist(artistId);
      if (!artist) throw artistNotFound();
      return publicView(artist);
    },

    /** Every artist, newest first; the cursor holds where each list shard's walk stands, sealed. */
    async listPublic(limit: number, cursor: string | undefined) {
      const scope = 'artists';
      const opened = ctx.cursors.open(scope, cursor);
      let positions: ShardPosition[] = Array.from({ length: LIST_SHARDS }, () => 'start');
      if (opened !== null) positions = JSON.parse(opened) as ShardPosition[];
      const page = await (await ctx.store()).newest(limit, positions);
      const done = page.positions.every((position) => position === 'end');
      return {
        items: page.items.map(publicView),
        nextCursor: done ? null : ctx.cursors.seal(scope, JSON.stringify(page.positions)),
      };
    },

    /** Offboarding by the owner: config, tokens, audit trail and index entry go, and the artistId is free again. */
    async deleteArtist(userId: string, artistId: string): Promise<void> {
      const artist = await owned(userId, artistId);
      if (!(await removeArtist(artist, userId))) throw artistNotFound();
    },

    /**
     * A new callback token for the artist (its owner's, or any artist's when `userId` is undefined: the
     * command line). Only its hash is kept; issuing one revokes the one before.
     */
    async issueCallbackToken(
      userId: string | undefined,
      artistId: string,
      meta: RequestMeta,
    ): Promise<{ token: string; expiresAt: string }> {
      if (userId !== undefined) await owned(userId, artistId);
      const now = ctx.clock.now();
      const token = newCallbackToken(artistId, now);
      const expiresAt = now + CALLBACK_TOKEN_TTL_MS;
      const issued = await (await ctx.store()).issueToken(artistId, userId, {
        tokenHash: ctx.hasher.hash(CALLBACK_TOKEN_PURPOSE, token),
        tokenExpiresAt: expiresAt,
        tokenIssuedAt: isoTime(now),
      });
      if (!issued) throw artistNotFound();
      await audit.record(artistId, 'callback_token.issued', meta, userId ? { userId } : {});
      return { token, expiresAt: isoTime(expiresAt) };
    },

    /** The CloudFormation template, published where CloudFormation can read it, and the quick-create link. */
    async awsTemplate(
      userId: string,
      artistId: string,
      format: TemplateFormat,
    ): Promise<z.infer<typeof AwsTemplateSchema>> {
      const artist = await owned(userId, artistId);
      if (artist.provider !== 'aws') throw templateProviderMismatch(artist.provider);
      // The template and its YAML renderer load on first use, off the cold-start path (decision 6).
      const { artistStackTemplate, quickCreateUrl, renderTemplate } = await import(
        './cloudformation-template.js'
      );
      const templateBody = renderTemplate(artistStackTemplate(await trustedAccount()), format);
      const digest = createHash('sha256').update(templateBody).digest('hex').slice(0, 16);
      const key = `${TEMPLATE_BLOB_PREFIX}amply-artist-stack-${digest}.${format}`;
      if (!publishedTemplates.has(key)) {
        await ctx.blobs.put(key, Buffer.from(templateBody), {
          contentType: format === 'json' ? 'application/json' : 'application/yaml',
        });
        publishedTemplates.add(key);
      }
      const templateUrl = await ctx.blobs.signedReadUrl(key, 24 * 3600);
      const stackName = `amply-${artistId}`;
      const parameters = {
        ArtistName: artistId,
        AmplyCallbackUrl: `${ctx.config.publicUrl}/complete-artist-setup`,
        AmplyExternalId: artist.externalId,
      };
      return {
        format,
        templateBody,
        templateUrl,
        launchUrl: quickCreateUrl({
          region: ctx.config.artists.consoleRegion,
          templateUrl,
          stackName,
          parameters,
        }),
        stackName,
        parameters,
      };
    },

    /** `POST /complete-artist-setup`, called by the artist's stack. */
    completeSetup: setup.complete,

    /**
     * `POST /verify-stack`, the owner's polling fallback: reads the stack through the artist's role and
     * stores the config exactly as the callback would once the stack is complete. `accepted` answers 202.
     */
    async verifyStack(
      userId: string,
      input: VerifyStackInput,
      meta: RequestMeta,
    ): Promise<{ accepted: boolean; result: VerifyStackResult }> {
      const artist = await owned(userId, input.artistId);
      if (input.provider !== artist.provider) throw providerMismatch('provider', artist.provider);
      if (artist.status === 'complete') {
        const { config } = statusView(artist);
        return {
          accepted: false,
          result: {
            status: 'complete',
            message: 'The setup is complete',
            stackStatus: null,
            reason: null,
            config,
          },
        };
      }
      if (artist.provider !== 'aws') {
        return {
          accepted: true,
          result: pending(`Waiting for the ${artist.provider} deployment's callback`),
        };
      }
      const arn = parseStackArn(input.stackName);
      const accountId = arn?.accountId ?? input.accountId;
      if (!accountId) {
        throw new ValidationError('The request is not valid', [
          { field: 'stackName', message: "Give the stack's ARN, or its name together with accountId" },
        ]);
      }
      const partition = arn?.partition ?? 'aws';
      let report: Awaited<ReturnType<ArtistsContext['inspector']['inspect']>>;
      try {
        report = await ctx.inspector.inspect({
          roleArn: `arn:${partition}:iam::${accountId}:role/AmplyAccessRole-${artist.artistId}`,
          externalId: artist.externalId,
          accountId,
          region: arn?.region ?? input.region ?? ctx.config.artists.consoleRegion,
          stack: input.stackName,
        });
      } catch (error) {
        if (!(error instanceof StackInspectionError)) throw error;
        switch (error.failure) {
          case 'role_not_assumable':
            return {
              accepted: true,
              result: pending(
                "The stack's role cannot be assumed yet; the stack is probably still being created",
              ),
            };
          case 'role_trust_too_broad':
            await audit.record(artist.artistId, 'setup.failed', meta, { userId, detail: error.failure });
            throw roleTrustTooBroad();
          case 'account_mismatch':
            await audit.record(artist.artistId, 'setup.failed', meta, { userId, detail: error.failure });
            throw roleAccountMismatch();
          case 'stack_not_found':
            throw stackNotFound();
          default:
            ctx.logger.warn({ err: error, artistId: artist.artistId }, 'reading an artist stack failed');
            throw upstreamFailed();
        }
      }

      if (report.state === 'in_progress') {
        return { accepted: true, result: pending('The stack is still being created', report.stackStatus) };
      }
      if (report.state === 'failed') {
        const reason = report.reason ?? report.stackStatus;
        await setup.fail(artist, reason, report.stackStatus);
        return {
          accepted: false,
          result: {
            status: 'failed',
            message: 'The stack failed',
            stackStatus: report.stackStatus,
            reason,
            config: null,
          },
        };
      }
      const config = {
        ...normaliseOutputs({
          provider: 'aws',
          artistId: artist.artistId,
          stackId: report.stackId,
          outputs: report.outputs,
        }),
        completedAt: isoTime(ctx.clock.now()),
        completedVia: 'verify-stack' as const,
      };
      const done = await setup.storeCompleted(artist, config, { observedTokenHash: artist.tokenHash }, meta);
      const stored = done ?? (await (await ctx.store()).getArtist(artist.artistId));
      if (stored?.status !== 'complete') {
        // The token slot changed between the read and the write; the next poll sees the new state.
        return {
          accepted: true,
          result: pending('The setup changed meanwhile; ask again', report.stackStatus),
        };
      }
      return {
        accepted: false,
        result: {
          status: 'complete',
          message: 'Artist configuration saved successfully',
          stackStatus: report.stackStatus,
          reason: null,
          config: statusView(stored).config,
        },
      };
    },

    async setupStatus(userId: string, artistId: string): Promise<SetupStatus> {
      return statusView(await owned(userId, artistId));
    },

    /** The setup as stored now, or null once the artist is gone (for a stream its owner already opened). */
    async currentSetup(artistId: string): Promise<SetupStatus | null> {
      const artist = await (await ctx.store()).getArtist(artistId);
      return artist ? statusView(artist) : null;
    },

    /** Resolves when this process changes the artist's setup, or when `signal` aborts. */
    setupChanged: (artistId: string, signal: AbortSignal) => ctx.notifier.next(artistId, signal),

    /** `amply-index.json` as stored (rebuilt first when it is missing or behind). */
    async readIndex(): Promise<ArtistIndex> {
      return JSON.parse(await index.read()) as ArtistIndex;
    },

    /** Builds the index blob now (the command line, benchmarks). */
    rebuildIndex: index.rebuild,

    /** A user's artists in their data export (with setup and audit trail), and their removal with the account. */
    userData: {
      name: 'artists',
      async export(userId) {
        const artists = await (await ctx.store()).listByOwner(userId);
        return Promise.all(
          artists.map(async (artist) => ({
            ...ownerView(artist),
            setup: statusView(artist),
            auditTrail: await audit.list(artist.artistId),
          })),
        );
      },
      async delete(userId) {
        for (const artist of await (await ctx.store()).listByOwner(userId))
          await removeArtist(artist, userId);
      },
    } satisfies UserDataContributor,
  };
  return service;
}

export type ArtistsService = ReturnType<typeof createArtistsService>;
