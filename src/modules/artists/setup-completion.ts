import { isoTime } from '../../clock.js';
import { DomainError, ValidationError } from '../../errors.js';
import { safeEqual } from '../../security/keyed-hash.js';
import type { ArtistAudit } from './artist-audit.js';
import type { ArtistIndexWriter } from './artist-index.js';
import { callbackTokenArtist, checkCallbackSignature } from './callback-token.js';
import type { ArtistsContext, RequestMeta } from './context.js';
import {
  callbackReplayed,
  callbackSignatureInvalid,
  callbackTokenExpired,
  callbackTokenInvalid,
  providerMismatch,
  stackMismatch,
} from './errors.js';
import type { CallbackInput } from './schemas.js';
import { normaliseOutputs } from './stack-outputs.js';
import type { ArtistConfig, ArtistItem, ArtistStore } from './store.js';

type CompletionGuard = Parameters<ArtistStore['completeSetup']>[2];

/** The purpose label of callback-token hashes (HMAC under the server secret). */
export const CALLBACK_TOKEN_PURPOSE = 'artist-callback-token';

export interface CallbackAnswer {
  artistId: string;
  provider: ArtistItem['provider'];
  message: string;
}

/**
 * What a stack's callback and the /verify-stack fallback have in common: storing a completed setup and
 * everything that follows it (audit entry, event, listeners woken, index rebuilt), and the callback
 * itself (decision 26).
 */
export function createSetupCompletion(ctx: ArtistsContext, audit: ArtistAudit, index: ArtistIndexWriter) {
  /** After a change to the setup is stored: listeners hear of it and the index takes it in. */
  async function settled(artistId: string, indexed: boolean): Promise<void> {
    ctx.notifier.notify(artistId);
    if (indexed) await index.rebuildQuietly();
  }

  async function afterCompletion(item: ArtistItem, meta: RequestMeta | undefined): Promise<void> {
    const via = item.completedVia ?? 'callback';
    await audit.record(item.artistId, via === 'callback' ? 'callback.accepted' : 'setup.verified', meta, {
      ...(item.stackId ? { stackId: item.stackId } : {}),
    });
    await ctx.events.publish({
      type: 'artist.setup_completed',
      subject: item.artistId,
      data: {
        artistId: item.artistId,
        provider: item.provider,
        cdnDomain: item.cdnDomain ?? null,
        completedVia: via,
        completedAt: item.completedAt,
      },
    });
    await settled(item.artistId, true);
  }

  /** Refuses a callback, noting why in the artist's trail (the token is never written down). */
  async function refuse(
    artist: ArtistItem,
    input: CallbackInput,
    meta: RequestMeta,
    error: DomainError,
  ): Promise<never> {
    await audit.record(artist.artistId, 'callback.refused', meta, {
      stackId: input.stack_id,
      detail: `${input.request_type}: ${error.code}`,
    });
    throw error;
  }

  async function offboard(
    artist: ArtistItem,
    input: CallbackInput,
    hash: string,
    meta: RequestMeta,
  ): Promise<CallbackAnswer> {
    const now = ctx.clock.now();
    if (artist.stackId && artist.stackId !== input.stack_id)
      await refuse(artist, input, meta, stackMismatch());
    const wasReady = artist.status === 'complete';
    if (wasReady) await index.changed(artist.artistId);
    const after = await (await ctx.store()).offboardStack(
      artist.artistId,
      hash,
      input.stack_id,
      isoTime(now),
    );
    if (!after) await refuse(artist, input, meta, callbackTokenInvalid());
    await audit.record(artist.artistId, 'stack.deleted', meta, { stackId: input.stack_id });
    await settled(artist.artistId, wasReady);
    return { artistId: artist.artistId, provider: artist.provider, message: 'Artist configuration removed' };
  }

  /**
   * Stores a completed setup in one conditional write and answers the item, or null when the write's
   * condition failed (`guard` as in the store's `completeSetup`).
   */
  async function storeCompleted(
    artist: ArtistItem,
    config: ArtistConfig,
    guard: CompletionGuard,
    meta: RequestMeta | undefined,
  ): Promise<ArtistItem | null> {
    // Noted first: if the process stops after the write, the next build still takes this artist in.
    await index.changed(artist.artistId);
    const done = await (await ctx.store()).completeSetup(artist.artistId, config, guard);
    if (done) await afterCompletion(done, meta);
    return done;
  }

  return {
    storeCompleted,

    /** Records a failed setup (once) and tells listeners and subscribers. */
    async fail(artist: ArtistItem, reason: string, stackStatus: string): Promise<void> {
      const failed = await (await ctx.store()).failSetup(artist.artistId, reason, isoTime(ctx.clock.now()));
      if (!failed) return;
      await audit.record(artist.artistId, 'setup.failed', undefined, { detail: `${stackStatus}: ${reason}` });
      await ctx.events.publish({
        type: 'artist.setup_failed',
        subject: artist.artistId,
        data: { artistId: artist.artistId, provider: artist.provider, stackStatus, reason },
      });
      await settled(artist.artistId, false);
    },

    /**
     * `POST /complete-artist-setup`: only a live, unused token bound to this artist; the signature, when
     * sent, over the body exactly as received; outputs checked and normalised. Delete offboards.
     */
    async complete(
      input: CallbackInput,
      raw: { body: string; signature: string | undefined },
      meta: RequestMeta,
    ): Promise<CallbackAnswer> {
      const now = ctx.clock.now();
      // A token names its artist: another artist's token (or no token at all) fails before any read.
      if (callbackTokenArtist(input.callback_token) !== input.artistId) throw callbackTokenInvalid();
      const store = await ctx.store();
      const artist = await store.getArtist(input.artistId);
      if (!artist) throw callbackTokenInvalid();
      const hash = ctx.hasher.hash(CALLBACK_TOKEN_PURPOSE, input.callback_token);
      const live = artist.tokenHash !== undefined && safeEqual(artist.tokenHash, hash);
      const spent = artist.spentTokenHash !== undefined && safeEqual(artist.spentTokenHash, hash);

      if (!live && !spent) await refuse(artist, input, meta, callbackTokenInvalid());
      if (raw.signature !== undefined) {
        const check = checkCallbackSignature(raw.signature, input.callback_token, raw.body, now);
        if (check !== 'valid')
          await refuse(artist, input, meta, callbackSignatureInvalid(check.replace('_', ' ')));
      }
      if (input.provider !== artist.provider)
        await refuse(artist, input, meta, providerMismatch('provider', artist.provider));
      if (input.request_type === 'Delete') return offboard(artist, input, hash, meta);

      if (!live) await refuse(artist, input, meta, callbackReplayed());
      if ((artist.tokenExpiresAt ?? 0) <= now) await refuse(artist, input, meta, callbackTokenExpired());
      if (!input.outputs) {
        await refuse(
          artist,
          input,
          meta,
          new ValidationError('The request is not valid', [{ field: 'outputs', message: 'Required' }]),
        );
      }
      let normalised: ReturnType<typeof normaliseOutputs>;
      try {
        normalised = normaliseOutputs({
          provider: artist.provider,
          artistId: artist.artistId,
          stackId: input.stack_id,
          outputs: input.outputs ?? {},
        });
      } catch (error) {
        if (error instanceof DomainError) await refuse(artist, input, meta, error);
        throw error;
      }
      const done = await storeCompleted(
        artist,
        {
          ...normalised,
          callbackTimestamp: input.callback_timestamp,
          completedAt: isoTime(now),
          completedVia: 'callback',
        },
        { liveToken: { hash, now } },
        meta,
      );
      if (!done) {
        // Another callback with the same token won the write (or a new token replaced this one).
        const after = await store.getArtist(artist.artistId);
        const replay = after?.spentTokenHash !== undefined && safeEqual(after.spentTokenHash, hash);
        await refuse(artist, input, meta, replay ? callbackReplayed() : callbackTokenInvalid());
      }
      return {
        artistId: artist.artistId,
        provider: artist.provider,
        message: 'Artist configuration saved successfully',
      };
    },
  };
}

export type SetupCompletion = ReturnType<typeof createSetupCompletion>;
