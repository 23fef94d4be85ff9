import { z } from '@hono/zod-openapi';
import { PageQuery } from '../../http/pagination.js';
import { text } from '../../http/text.js';
import { uploadFileFields } from '../../media/upload-schemas.js';
import { LIMITS } from './limits.js';

/*
 * Request and response shapes of the casting board. Request objects are strict (an unknown field is a
 * VALIDATION_ERROR naming it); free text goes through `text()`; lists and strings have limits that keep
 * every item far below DynamoDB's 400 KB.
 */

export const ROLES = ['artist', 'recruiter'] as const;
export const ROLE_TYPES = [
  'vocalist',
  'instrumentalist',
  'band-member',
  'session-musician',
  'dj',
  'producer',
  'songwriter',
  'dancer',
  'actor',
  'model',
  'other',
] as const;
export const COMPENSATION_TYPES = ['paid', 'unpaid', 'expenses-only', 'revenue-share'] as const;
export const APPLICATION_STATUSES = [
  'submitted',
  'shortlisted',
  'rejected',
  'accepted',
  'withdrawn',
] as const;
/** The statuses a casting's owner may set. */
export const OWNER_STATUSES = ['shortlisted', 'rejected', 'accepted'] as const;
export const PORTFOLIO_KINDS = ['audio', 'video', 'image', 'link'] as const;

/** ASCII letters, digits, `_`, `.`, `-`; starts and ends with a letter or digit; 3–30 characters. */
const USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{1,28})[A-Za-z0-9]$/;

export const Username = z
  .string()
  .regex(USERNAME, '3–30 letters, digits, "_", "." or "-", starting and ending with a letter or digit')
  .openapi({ example: 'Ada.Sings' });

const Url = z
  .url({ protocol: /^https?$/, error: 'An http(s) URL' })
  .max(500)
  .openapi({ example: 'https://soundcloud.com/ada' });

/** A list whose entries must differ (compared as given). */
function distinct<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `At most ${max} entries`)
    .refine((items) => new Set(items).size === items.length, 'Entries must not repeat');
}

/** A path parameter holding an id with this prefix (`cst_…`). */
function idParam(name: string, prefix: string, what: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `Not ${what} id`)
    .openapi({ param: { name, in: 'path' }, example: `${prefix}_01jd8x4m9q2v7k3n5p6r8s0t1w` });
}

// --- profiles ------------------------------------------------------------------------------------

export const ProfileInput = z
  .object({
    username: Username,
    displayName: text({ max: 80 }).optional(),
    roles: distinct(z.enum(ROLES), ROLES.length),
    bio: text({ max: 2000, multiline: true }).optional(),
    location: text({ max: 100 }).optional(),
    skills: distinct(text({ max: 50 }), LIMITS.skills).optional(),
    links: distinct(Url, LIMITS.links).optional(),
  })
  .strict()
  .openapi('ProfileInput');
export type ProfileInput = z.infer<typeof ProfileInput>;

export const UserIdParam = z.object({ userId: idParam('userId', 'usr', 'a user') });
export const RecruiterIdParam = z.object({ recruiterId: idParam('recruiterId', 'usr', 'a user') });
export const UsernameParam = z.object({
  username: z
    .string()
    .max(30)
    .openapi({ param: { name: 'username', in: 'path' }, example: 'ada.sings' }),
});

export const PublicProfileSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    bio: z.string().nullable(),
    location: z.string().nullable(),
    skills: z.array(z.string()),
    links: z.array(z.string()),
    avatarUrl: z.string().nullable(),
    avatarThumbnailUrl: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PublicProfile', { description: 'What anyone may see of a profile: never the email address' });
export type PublicProfile = z.infer<typeof PublicProfileSchema>;

export const ProfilePage = z
  .object({ items: z.array(PublicProfileSchema), nextCursor: z.string().nullable() })
  .openapi('ProfilePage');

// --- portfolio -----------------------------------------------------------------------------------

export const PortfolioItemInput = z
  .object({
    title: text({ max: 120 }),
    description: text({ max: 1000, multiline: true }).optional(),
    kind: z.enum(PORTFOLIO_KINDS),
    url: Url.optional(),
    position: z
      .number()
      .int()
      .min(0)
      .max(LIMITS.portfolioItems - 1)
      .optional()
      .openapi({ description: 'Where it goes (0 first); at the end when left out' }),
  })
  .strict()
  .openapi('PortfolioItemInput');
export type PortfolioItemInput = z.infer<typeof PortfolioItemInput>;
export const EXAMPLE_PORTFOLIO_ITEM: z.input<typeof PortfolioItemInput> = {
  title: 'Live at the Quasimodo',
  description: 'A trio set, May 2026.',
  kind: 'audio',
  url: 'https://soundcloud.com/ada/live-at-the-quasimodo',
  position: 0,
};

export const PortfolioItemParam = z.object({ itemId: idParam('itemId', 'pfi', 'a portfolio item') });

export const PortfolioItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind: z.enum(PORTFOLIO_KINDS),
    url: z.string().nullable(),
    position: z.number().int(),
    imageUrl: z.string().nullable(),
    thumbnailUrl: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PortfolioItem');

export const PortfolioList = z.object({ items: z.array(PortfolioItemSchema) }).openapi('Portfolio');

// --- images --------------------------------------------------------------------------------------

export const ImageUploadUrlBody = z.object(uploadFileFields).strict().openapi('ImageUploadUrlRequest');
export type ImageUploadUrlBody = z.infer<typeof ImageUploadUrlBody>;
export const ImageKeyBody = z
  .object({ imageKey: z.string().min(1).max(1024) })
  .strict()
  .openapi('ImageKeyRequest');
export const EXAMPLE_IMAGE_KEY: z.input<typeof ImageKeyBody> = {
  imageKey: 'uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-avatar.png',
};

// --- castings ------------------------------------------------------------------------------------

export const CastingInput = z
  .object({
    title: text({ max: 120 }),
    description: text({ max: 5000, multiline: true }),
    roleType: z.enum(ROLE_TYPES),
    location: text({ max: 100 }).openapi({ example: 'Berlin, DE' }),
    compensationType: z.enum(COMPENSATION_TYPES),
    compensation: text({ max: 200 }).optional().openapi({ example: '€300 per day' }),
    skills: distinct(text({ max: 50 }), LIMITS.castingSkills).default([]),
    questions: z
      .array(text({ max: 300 }))
      .max(LIMITS.questions)
      .default([]),
    expiresAt: z.iso.datetime({ offset: true }).openapi({
      description: `Hidden from then on; at most ${LIMITS.castingLifetimeDays} days after creation`,
    }),
  })
  .strict()
  .openapi('CastingInput');
export type CastingInput = z.infer<typeof CastingInput>;
export const EXAMPLE_CASTING: z.input<typeof CastingInput> = {
  title: 'Jazz vocalist for a weekend residency',
  description: 'Two sets a night, Friday and Saturday, with a piano trio.',
  roleType: 'vocalist',
  location: 'Berlin, DE',
  compensationType: 'paid',
  compensation: '€300 per night',
  skills: ['jazz', 'standards'],
  questions: ['Are you available from March?'],
  expiresAt: '2027-02-28T18:00:00Z',
};

export const CastingIdParam = z.object({ id: idParam('id', 'cst', 'a casting') });
export const ApplicationParams = CastingIdParam.extend({
  applicationId: idParam('applicationId', 'app', 'an application'),
});

const Location = text({ max: 100 });

export const CastingListQuery = PageQuery.extend({
  roleType: z
    .enum(ROLE_TYPES)
    .optional()
    .openapi({ param: { name: 'roleType', in: 'query' } }),
  location: Location.optional().openapi({
    param: { name: 'location', in: 'query' },
    description: 'The location as written on the casting, any letter case and punctuation',
  }),
  compensationType: z
    .enum(COMPENSATION_TYPES)
    .optional()
    .openapi({ param: { name: 'compensationType', in: 'query' } }),
  q: text({ max: 100 })
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description: 'Whole words of the title or skills; every word must match',
    }),
});
export type CastingListQuery = z.infer<typeof CastingListQuery>;

const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const RecruiterCastingsQuery = PageQuery.extend({
  from: DateOrTime.optional().openapi({
    param: { name: 'from', in: 'query' },
    description: 'Created at or after (a date or date-time)',
  }),
  to: DateOrTime.optional().openapi({
    param: { name: 'to', in: 'query' },
    description: 'Created at or before (a date means the whole day)',
  }),
});
export type RecruiterCastingsQuery = z.infer<typeof RecruiterCastingsQuery>;

const castingSummaryFields = {
  id: z.string(),
  recruiterId: z.string(),
  title: z.string(),
  roleType: z.enum(ROLE_TYPES),
  location: z.string(),
  compensationType: z.enum(COMPENSATION_TYPES),
  skills: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  coverThumbnailUrl: z.string().nullable(),
  expiresAt: z.string().openapi({ format: 'date-time' }),
  createdAt: z.string().openapi({ format: 'date-time' }),
};

export const CastingSummarySchema = z.object(castingSummaryFields).openapi('CastingSummary');
export type CastingSummary = z.infer<typeof CastingSummarySchema>;

export const CastingSchema = z
  .object({
    ...castingSummaryFields,
    description: z.string(),
    compensation: z.string().nullable(),
    questions: z.array(z.object({ id: z.string(), text: z.string() })),
    coverUrl: z.string().nullable(),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Casting');
export type Casting = z.infer<typeof CastingSchema>;

export const CastingPage = z
  .object({ items: z.array(CastingSummarySchema), nextCursor: z.string().nullable() })
  .openapi('CastingPage');

// --- applications --------------------------------------------------------------------------------

export const ApplicationInput = z
  .object({
    message: text({ max: 2000, multiline: true }).optional(),
    answers: z
      .array(
        z.object({ questionId: z.string().max(10), answer: text({ max: 2000, multiline: true }) }).strict(),
      )
      .max(LIMITS.answers)
      .default([]),
    portfolioItemIds: distinct(PortfolioItemParam.shape.itemId, LIMITS.attachedItems).default([]),
  })
  .strict()
  .openapi('ApplicationInput');
export type ApplicationInput = z.infer<typeof ApplicationInput>;

export const StatusChangeBody = z
  .object({ status: z.enum(OWNER_STATUSES) })
  .strict()
  .openapi('ApplicationStatusChange');

export const ApplicationListQuery = PageQuery.extend({
  status: z
    .enum(APPLICATION_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;

export const ApplicationSchema = z
  .object({
    id: z.string(),
    castingId: z.string(),
    castingTitle: z.string(),
    artistId: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    message: z.string().nullable(),
    answers: z.array(z.object({ questionId: z.string(), question: z.string(), answer: z.string() })),
    portfolioItems: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        url: z.string().nullable(),
        thumbnailUrl: z.string().nullable(),
      }),
    ),
    history: z.array(
      z.object({
        from: z.enum(APPLICATION_STATUSES).nullable(),
        to: z.enum(APPLICATION_STATUSES),
        by: z.string().openapi({ description: 'The user who made the change' }),
        at: z.string().openapi({ format: 'date-time' }),
      }),
    ),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CastingApplication');
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationPage = z
  .object({ items: z.array(ApplicationSchema), nextCursor: z.string().nullable() })
  .openapi('CastingApplicationPage');

export const MessageSchema = z.object({ message: z.string() });
