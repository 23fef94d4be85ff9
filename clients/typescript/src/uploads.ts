import type { Client } from 'openapi-fetch';
import { AmplyApiError, unwrap } from './errors.js';
import type { components, paths } from './generated/openapi.js';
import type { Fetcher } from './session.js';

type UploadTicket = components['schemas']['UploadTicket'];
type UploadType = components['schemas']['UploadUrlRequest']['fileType'];

/** A file to upload: a browser `File` (its name is used) or any `Blob` with a name given. */
export interface UploadSource {
  file: Blob;
  /** Defaults to the `File`'s own name. */
  fileName?: string;
}

function describe({ file, fileName }: UploadSource) {
  const name = fileName ?? (file as Blob & { name?: string }).name ?? 'upload';
  return { fileName: name, fileType: file.type as UploadType, fileSize: file.size };
}

/**
 * Direct uploads: ask Amply for a signed URL (type and size bound, 5 minutes), PUT the bytes straight to
 * storage (S3, or the local server playing it), then tell Amply the upload is complete.
 */
export function createUploads(api: Client<paths>, fetcher: Fetcher) {
  /** PUTs the bytes where the ticket says, with exactly its headers (never the access token). */
  async function put(ticket: UploadTicket, file: Blob): Promise<void> {
    const headers = new Headers(ticket.headers);
    // Browsers set Content-Length from the body themselves and refuse to be told it.
    headers.delete('content-length');
    const response = await fetcher(
      new Request(ticket.uploadUrl, { method: ticket.method, headers, body: file }),
    );
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    throw await AmplyApiError.from(response);
  }

  return {
    put,

    /** An image (or, with `kind: 'receipt'`, a receipt) recorded on a guitar: answers its URLs. */
    async guitarImage(
      source: UploadSource & {
        guitarId: string;
        caption?: string;
        isPrimary?: boolean;
        kind?: 'image' | 'receipt';
      },
    ) {
      const ticket = unwrap(
        await api.POST('/images/upload-url', { body: { ...describe(source), kind: source.kind ?? 'image' } }),
      );
      await put(ticket, source.file);
      return unwrap(
        await api.POST('/images/upload-complete', {
          body: {
            imageKey: ticket.imageKey,
            guitarId: source.guitarId,
            ...(source.caption === undefined ? {} : { caption: source.caption }),
            ...(source.isPrimary === undefined ? {} : { isPrimary: source.isPrimary }),
          },
        }),
      );
    },

    /** The casting profile's avatar: answers the updated public profile. */
    async avatar(source: UploadSource) {
      const ticket = unwrap(await api.POST('/users/me/upload-url', { body: describe(source) }));
      await put(ticket, source.file);
      return unwrap(await api.PUT('/users/me/avatar', { body: { imageKey: ticket.imageKey } }));
    },
  };
}
