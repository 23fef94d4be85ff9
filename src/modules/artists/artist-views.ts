import type { z } from '@hono/zod-openapi';
import type { ArtistOwnerSchema, ArtistPublicSchema, SetupConfigSchema, SetupStatus } from './schemas.js';
import type { ArtistItem } from './store.js';

/* How an artist item is shown: to anyone, to its owner, and its setup. Never a token hash. */

export function publicView(item: ArtistItem): z.infer<typeof ArtistPublicSchema> {
  const ready = item.status === 'complete';
  return {
    artistId: item.artistId,
    displayName: item.displayName,
    provider: item.provider,
    cdnDomain: ready ? (item.cdnDomain ?? null) : null,
    ready,
    createdAt: item.createdAt,
  };
}

export function ownerView(item: ArtistItem): z.infer<typeof ArtistOwnerSchema> {
  return {
    artistId: item.artistId,
    displayName: item.displayName,
    provider: item.provider,
    status: item.status,
    externalId: item.externalId,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function configView(item: ArtistItem): z.infer<typeof SetupConfigSchema> | null {
  if (item.status !== 'complete' || !item.stackId || !item.completedAt || !item.completedVia) return null;
  const optional = {
    bucketName: item.bucketName,
    cloudfrontDomain: item.cloudfrontDomain,
    roleArn: item.roleArn,
    serviceAccountEmail: item.serviceAccountEmail,
    projectId: item.projectId,
    storageAccount: item.storageAccount,
    cdnDomain: item.cdnDomain,
    callbackTimestamp: item.callbackTimestamp,
  };
  return {
    provider: item.provider,
    stackId: item.stackId,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    outputs: item.outputs ?? {},
    completedAt: item.completedAt,
    completedVia: item.completedVia,
  };
}

export function statusView(item: ArtistItem): SetupStatus {
  return {
    artistId: item.artistId,
    provider: item.provider,
    status: item.status,
    version: item.setupVersion,
    updatedAt: item.updatedAt,
    reason: item.status === 'failed' ? (item.failureReason ?? null) : null,
    config: configView(item),
  };
}
