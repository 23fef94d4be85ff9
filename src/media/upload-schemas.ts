import { z } from '@hono/zod-openapi';
import { text } from '../http/text.js';

/** The image types a direct upload may declare (HEIC only goes through where libvips can decode it). */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

/** What every upload-URL request states about the file. */
export const uploadFileFields = {
  fileName: text({ max: 255 }),
  fileType: z.enum(UPLOAD_TYPES),
  fileSize: z.number().int().min(1),
};

/** Where and how to PUT the bytes of a direct upload. */
export const UploadTicketSchema = z
  .object({
    uploadUrl: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send exactly these headers' }),
    imageKey: z.string(),
    expiresAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('UploadTicket');
