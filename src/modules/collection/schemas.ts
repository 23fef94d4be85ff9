import { z } from '@hono/zod-openapi';
import { PageQuery } from '../../http/pagination.js';
import { text } from '../../http/text.js';
import { uploadFileFields } from '../../media/upload-schemas.js';
import { LIMITS } from './limits.js';
import { isCurrency, MONEY_PATTERN } from './money.js';

/*
 * Request and response shapes of the collection routes (the Guitar Collection API's guitar item). Request objects are
 * strict: an unknown field is a GUITAR_VALIDATION_ERROR naming it. Limits keep the largest possible
 * item well under DynamoDB's 400 KB (see decision 16): ≤ 30 detailed specs, ≤ 50 notes of ≤ 1,000
 * characters, ≤ 20 images.
 */

const GUITAR_TYPES = [
  'electric',
  'acoustic',
  'acoustic-electric',
  'classical',
  'bass',
  'semi-hollow',
  'hollow-body',
  'other',
] as const;

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** One line of free text (see `src/http/text.ts`): NFC, no control, bidi or lone surrogate characters. */
const line = (max: number) => text({ max });

const MONEY_RULE = 'An amount such as 1499.99 or "1499.99": up to 9 digits, then up to 3 decimals';

/**
 * An amount in the currency's major unit, as a decimal string or (as Guitar Collection clients send it) a JSON number. A
 * number is read as the shortest decimal that gives it back, which is the decimal the client wrote for
 * every amount the pattern allows (12 significant digits; a double keeps 15): 2499.99 is 249999 cents,
 * never 249998.99…, and 0.1 + 0.2 sent as 0.30000000000000004 is refused, not rounded.
 */
const Money = z
  .preprocess(
    (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
    z.string(MONEY_RULE).regex(MONEY_PATTERN, MONEY_RULE),
  )
  .openapi({
    type: ['string', 'number'],
    pattern: MONEY_PATTERN.source,
    example: '1499.99',
    description: 'The amount in the currency’s major unit: a decimal string, or a JSON number read exactly',
  });
/** A merge patch's amount: `null` removes it. */
const MoneyOrNull = Money.nullable().openapi({ type: ['string', 'number', 'null'] });

const Currency = z
  .string()
  .refine(isCurrency, 'An ISO 4217 currency code, such as "EUR"')
  .openapi({ example: 'EUR' });

const IsoDate = z.iso.date().openapi({ example: '2021-06-30' });

export const PrivateInfoInput = z
  .object({
    serialNumber: line(100).optional(),
    purchaseDate: IsoDate.optional(),
    originalRetailPrice: Money.optional(),
    purchasePrice: Money.optional(),
    purchaseLocation: line(200).optional(),
    currentValue: Money.optional(),
    currency: Currency.optional(),
    insuranceInfo: text({ max: 1000, multiline: true }).optional(),
  })
  .strict();

const moneyFields = ['originalRetailPrice', 'purchasePrice', 'currentValue'] as const;

/** Amounts mean nothing without their currency. */
function requireCurrency(info: Record<string, unknown> | null | undefined, ctx: z.RefinementCtx) {
  if (!info || info.currency) return;
  for (const field of moneyFields) {
    if (info[field] !== undefined && info[field] !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['privateInfo', 'currency'],
        message: `Required when ${field} is given`,
      });
      return;
    }
  }
}

/**
 * A spec's name. Names an object already has (`constructor`, `__proto__`, `toString`, …) are refused:
 * `__proto__` would vanish on the way to the store, and the DynamoDB marshaller fails on `constructor`.
 */
const SpecName = line(50).refine(
  (name) => !(name in Object.prototype),
  'Not a usable spec name; choose another',
);
const SpecValue = text({ max: 500, min: 0 });

const DetailedSpecs = z
  .record(SpecName, SpecValue)
  .refine((specs) => Object.keys(specs).length <= LIMITS.detailedSpecs, {
    message: `At most ${LIMITS.detailedSpecs} entries`,
  })
  .openapi({ example: { neckProfile: 'Modern C', radius: '9.5"' } });

/** The fields a client writes (images, notes and the receipt have routes of their own). */
const guitarFields = {
  brand: line(100).openapi({ example: 'Fender' }),
  model: line(100).openapi({ example: 'Stratocaster' }),
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR).openapi({ example: 1965 }),
  type: z.enum(GUITAR_TYPES),
  bodyMaterial: line(100).optional(),
  neckMaterial: line(100).optional(),
  fretboardMaterial: line(100).optional(),
  numberOfFrets: z.number().int().min(0).max(36).optional(),
  scaleLength: line(50).optional().openapi({ example: '25.5"' }),
  pickupConfiguration: line(50).optional().openapi({ example: 'SSS' }),
  color: line(100).optional(),
  finish: line(100).optional(),
  tuningMachines: line(100).optional(),
  bridge: line(100).optional(),
  nut: line(100).optional(),
  electronics: line(500).optional(),
  caseIncluded: z.boolean().optional(),
  countryOfOrigin: line(100).optional(),
  detailedSpecs: DetailedSpecs.optional(),
  privateInfo: PrivateInfoInput.optional(),
};

export const GuitarInput = z
  .object(guitarFields)
  .strict()
  .superRefine((guitar, ctx) => requireCurrency(guitar.privateInfo, ctx))
  .openapi('GuitarInput');
export type GuitarInput = z.infer<typeof GuitarInput>;

/** A guitar as the OpenAPI examples show it. */
export const EXAMPLE_GUITAR: z.input<typeof GuitarInput> = {
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  type: 'electric',
  bodyMaterial: 'Alder',
  numberOfFrets: 21,
  scaleLength: '25.5"',
  pickupConfiguration: 'SSS',
  color: 'Sunburst',
  caseIncluded: true,
  countryOfOrigin: 'USA',
  detailedSpecs: { neckProfile: 'Modern C', radius: '9.5"' },
  privateInfo: {
    serialNumber: 'L12345',
    purchaseDate: '2021-06-30',
    purchasePrice: 2499.99,
    currentValue: '2800.00',
    currency: 'EUR',
  },
};

const Version = z.number().int().min(1).openapi({
  description: 'The `version` of the guitar as last read; a newer one on the server answers 409 CONFLICT',
  example: 3,
});

/** PUT: the whole writable guitar, replacing what was there, plus the version it was read at. */
export const GuitarReplaceBody = z
  .object({ ...guitarFields, version: Version })
  .strict()
  .superRefine((guitar, ctx) => requireCurrency(guitar.privateInfo, ctx))
  .openapi('GuitarReplaceRequest');

const optionalNullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * PATCH: a JSON merge patch (RFC 7396) of the writable fields. `null` removes an optional field;
 * `privateInfo` and `detailedSpecs` merge key by key.
 */
export const GuitarPatchBody = z
  .object({
    brand: guitarFields.brand.optional(),
    model: guitarFields.model.optional(),
    year: guitarFields.year.optional(),
    type: guitarFields.type.optional(),
    bodyMaterial: optionalNullable(line(100)),
    neckMaterial: optionalNullable(line(100)),
    fretboardMaterial: optionalNullable(line(100)),
    numberOfFrets: optionalNullable(z.number().int().min(0).max(36)),
    scaleLength: optionalNullable(line(50)),
    pickupConfiguration: optionalNullable(line(50)),
    color: optionalNullable(line(100)),
    finish: optionalNullable(line(100)),
    tuningMachines: optionalNullable(line(100)),
    bridge: optionalNullable(line(100)),
    nut: optionalNullable(line(100)),
    electronics: optionalNullable(line(500)),
    caseIncluded: optionalNullable(z.boolean()),
    countryOfOrigin: optionalNullable(line(100)),
    detailedSpecs: optionalNullable(z.record(SpecName, SpecValue.nullable())),
    privateInfo: optionalNullable(
      z
        .object({
          serialNumber: optionalNullable(line(100)),
          purchaseDate: optionalNullable(IsoDate),
          originalRetailPrice: MoneyOrNull.optional(),
          purchasePrice: MoneyOrNull.optional(),
          purchaseLocation: optionalNullable(line(200)),
          currentValue: MoneyOrNull.optional(),
          currency: optionalNullable(Currency),
          insuranceInfo: optionalNullable(text({ max: 1000, multiline: true })),
        })
        .strict(),
    ),
    version: Version,
  })
  .strict()
  .openapi('GuitarPatchRequest');
export type GuitarPatch = z.infer<typeof GuitarPatchBody>;

/** A path parameter holding an id with this prefix (`gtr_…`). */
function idParam(name: string, prefix: string, what: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `Not ${what} id`)
    .openapi({ param: { name, in: 'path' }, example: `${prefix}_01jd8x4m9q2v7k3n5p6r8s0t1w` });
}

export const GuitarIdParam = z.object({ id: idParam('id', 'gtr', 'a guitar') });
export const NoteParams = GuitarIdParam.extend({ noteId: idParam('noteId', 'note', 'a note') });
export const ImageParams = GuitarIdParam.extend({ imageId: idParam('imageId', 'img', 'an image') });

export const GuitarListQuery = PageQuery.extend({
  brand: line(100)
    .optional()
    .openapi({ param: { name: 'brand', in: 'query' }, description: 'Exact brand, any letter case' }),
  type: z
    .enum(GUITAR_TYPES)
    .optional()
    .openapi({ param: { name: 'type', in: 'query' } }),
  yearFrom: z.coerce
    .number()
    .int()
    .min(MIN_YEAR)
    .max(MAX_YEAR)
    .optional()
    .openapi({ param: { name: 'yearFrom', in: 'query' } }),
  yearTo: z.coerce
    .number()
    .int()
    .min(MIN_YEAR)
    .max(MAX_YEAR)
    .optional()
    .openapi({ param: { name: 'yearTo', in: 'query' } }),
}).refine(
  (query) => query.yearFrom === undefined || query.yearTo === undefined || query.yearFrom <= query.yearTo,
  {
    message: 'yearFrom must not be after yearTo',
    path: ['yearFrom'],
  },
);
export type GuitarListQuery = z.infer<typeof GuitarListQuery>;

export const NoteBody = z
  .object({ content: text({ max: LIMITS.noteLength, multiline: true }) })
  .strict()
  .openapi('NoteRequest');

export const NoteSchema = z
  .object({ id: z.string(), content: z.string(), createdAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('GuitarNote');

const ImageSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    thumbnailUrl: z.string(),
    caption: z.string().nullable(),
    isPrimary: z.boolean(),
    order: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('GuitarImage');

const PrivateInfoSchema = z
  .object({
    serialNumber: z.string().nullable(),
    purchaseDate: z.string().nullable(),
    originalRetailPrice: z.string().nullable(),
    purchasePrice: z.string().nullable(),
    purchaseLocation: z.string().nullable(),
    currentValue: z.string().nullable(),
    currency: z.string().nullable(),
    insuranceInfo: z.string().nullable(),
    receiptUrl: z
      .string()
      .nullable()
      .openapi({ description: 'A signed URL valid for a few minutes; never a public one' }),
  })
  .openapi('GuitarPrivateInfo');

const guitarOutputFields = {
  id: z.string(),
  brand: z.string(),
  model: z.string(),
  year: z.number().int(),
  type: z.enum(GUITAR_TYPES),
  bodyMaterial: z.string().nullable(),
  neckMaterial: z.string().nullable(),
  fretboardMaterial: z.string().nullable(),
  numberOfFrets: z.number().int().nullable(),
  scaleLength: z.string().nullable(),
  pickupConfiguration: z.string().nullable(),
  color: z.string().nullable(),
  finish: z.string().nullable(),
  tuningMachines: z.string().nullable(),
  bridge: z.string().nullable(),
  nut: z.string().nullable(),
  electronics: z.string().nullable(),
  caseIncluded: z.boolean().nullable(),
  countryOfOrigin: z.string().nullable(),
  detailedSpecs: z.record(z.string(), z.string()),
  images: z.array(ImageSchema),
  version: z.number().int(),
  createdAt: z.string().openapi({ format: 'date-time' }),
  updatedAt: z.string().openapi({ format: 'date-time' }),
};

const GuitarSummarySchema = z
  .object(guitarOutputFields)
  .openapi('GuitarSummary', { description: 'A guitar as listed: without notes and private information' });

export const GuitarSchema = z
  .object({ ...guitarOutputFields, notes: z.array(NoteSchema), privateInfo: PrivateInfoSchema })
  .openapi('Guitar');
export type Guitar = z.infer<typeof GuitarSchema>;

export const GuitarPage = z
  .object({ items: z.array(GuitarSummarySchema), nextCursor: z.string().nullable() })
  .openapi('GuitarPage');

export const BrandCountsSchema = z
  .object({ items: z.array(z.object({ brand: z.string(), count: z.number().int() })) })
  .openapi('GuitarBrands');

export const StatsSchema = z
  .object({
    count: z.number().int(),
    byCurrency: z.array(
      z.object({
        currency: z.string(),
        guitars: z.number().int(),
        totalPurchasePrice: z.string().openapi({ example: '2899.98' }),
        totalCurrentValue: z.string(),
      }),
    ),
  })
  .openapi('GuitarStats');

export const UploadUrlBody = z
  .object({ ...uploadFileFields, kind: z.enum(['image', 'receipt']).default('image') })
  .strict()
  .openapi('UploadUrlRequest');

export const UploadCompleteBody = z
  .object({
    imageKey: z.string().min(1).max(1024),
    guitarId: GuitarIdParam.shape.id,
    caption: text({ max: LIMITS.captionLength, min: 0 }).optional(),
    isPrimary: z.boolean().optional(),
  })
  .strict()
  .openapi('UploadCompleteRequest');

export const UploadCompleteSchema = z
  .object({
    imageUrl: z.string().openapi({ description: 'For a receipt: a short-lived signed URL' }),
    thumbnailUrl: z.string().nullable().openapi({ description: 'Null for a receipt' }),
    image: ImageSchema.nullable().openapi({ description: 'The image record (null for a receipt)' }),
  })
  .openapi('UploadComplete');

export const MessageSchema = z.object({ message: z.string() });
