import { z } from '@hono/zod-openapi';

/** The answer of an operation that has nothing to return but a sentence for the user. */
export const MessageSchema = z.object({ message: z.string() }).openapi('Message');
