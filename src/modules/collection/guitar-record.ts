import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import type { FieldProblem } from '../../errors.js';
import { brandKey, type StoredPrivateInfo } from './counters.js';
import { guitarInvalid } from './errors.js';
import { fromMinorUnits, toMinorUnits } from './money.js';
import type { Guitar, GuitarInput } from './schemas.js';
import type { GuitarItem } from './store.js';

/*
 * Between the API's guitar (decimal strings, URLs) and the stored item (minor units, blob keys).
 */

/*
 * Notes and images are maps on the guitar item, keyed by their ids, so each is added or removed with one
 * conditional update of its own entry that no concurrent note or image can make fail (decision 16).
 * Guitars written before kept them as lists; both shapes read alike.
 */

export interface StoredImage {
  id: string;
  key: string;
  thumbnailKey: string;
  /** The upload it came from: completing the same upload twice records it once. */
  uploadKey?: string;
  caption: string | null;
  width: number;
  height: number;
  createdAt: string;
  /** Only in guitars written before images were a map: now `primaryImageId` and `imageOrder`. */
  isPrimary?: boolean;
}

export interface StoredNote {
  id: string;
  content: string;
  createdAt: string;
  /** With an Idempotency-Key: hashes of the key and of the content it was first sent with. */
  keyHash?: string;
  requestHash?: string;
}

/** What hangs off a guitar and is written by routes of its own, never by PUT or PATCH. */
const ATTACHED = [
  'notes',
  'noteKeys',
  'images',
  'imageOrder',
  'imageSeq',
  'imageUploads',
  'primaryImageId',
] as const;
type Attached = Partial<Pick<GuitarItem, (typeof ATTACHED)[number]>>;

/** Whether a guitar still keeps notes or images as lists (written before they were maps). */
export function hasListAttachments(item: GuitarItem): boolean {
  return Array.isArray(item.notes) || Array.isArray(item.images) || item.imageOrder === undefined;
}

const byCreation = <T extends { id: string; createdAt: string }>(a: T, b: T) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The guitar's notes, oldest first. */
export function notesOf(item: Pick<GuitarItem, 'notes'>): StoredNote[] {
  return Object.values((item.notes ?? {}) as Record<string, StoredNote>).toSorted(byCreation);
}

/**
 * The guitar's images in the order they came, each with its place and whether it is the primary one:
 * the one recorded as primary, else (when that one is gone) the first.
 */
export function imagesOf(
  item: Pick<GuitarItem, 'images' | 'imageOrder' | 'primaryImageId'>,
): Array<StoredImage & { order: number; isPrimary: boolean }> {
  const places = (item.imageOrder ?? {}) as Record<string, number>;
  const place = (image: StoredImage & { order?: number }) => places[image.id] ?? image.order ?? 0;
  const images = Object.values(
    (item.images ?? {}) as Record<string, StoredImage & { order?: number }>,
  ).toSorted((a, b) => place(a) - place(b) || byCreation(a, b));
  const primary =
    images.find((image) => image.id === item.primaryImageId) ??
    images.find((image) => image.isPrimary) ??
    images[0];
  return images.map(({ order: _stored, ...image }, order) => ({
    ...image,
    order,
    isPrimary: image.id === primary?.id,
  }));
}

/** Notes and images as maps by id, however they were stored. */
export function withMapAttachments(item: GuitarItem): GuitarItem {
  const images = imagesOf(item);
  const primary = images.find((image) => image.isPrimary);
  return {
    ...item,
    notes: Object.fromEntries(notesOf(item).map((note) => [note.id, note])),
    images: Object.fromEntries(
      images.map(({ order: _order, isPrimary: _primary, ...image }) => [image.id, image]),
    ),
    imageOrder: Object.fromEntries(images.map((image) => [image.id, image.order + 1])),
    imageSeq: images.length,
    ...(primary ? { primaryImageId: primary.id } : {}),
  };
}

/** The attachments of `base`, to carry onto a rewritten guitar. */
function attachmentsOf(base: Attached): Attached {
  const carried: Attached = {
    notes: base.notes ?? {},
    images: base.images ?? {},
    imageOrder: base.imageOrder ?? {},
  };
  if (base.imageSeq !== undefined) carried.imageSeq = base.imageSeq;
  if (base.primaryImageId) carried.primaryImageId = base.primaryImageId;
  // DynamoDB keeps no empty sets.
  if (base.noteKeys?.length) carried.noteKeys = base.noteKeys;
  if (base.imageUploads?.length) carried.imageUploads = base.imageUploads;
  return carried;
}

/** How long a receipt's signed URL in a response stays valid. */
export const RECEIPT_URL_SECONDS = 300;

const SPEC_FIELDS = [
  'bodyMaterial',
  'neckMaterial',
  'fretboardMaterial',
  'numberOfFrets',
  'scaleLength',
  'pickupConfiguration',
  'color',
  'finish',
  'tuningMachines',
  'bridge',
  'nut',
  'electronics',
  'caseIncluded',
  'countryOfOrigin',
] as const;

const MONEY_FIELDS = ['originalRetailPrice', 'purchasePrice', 'currentValue'] as const;

type PrivateInfoInput = NonNullable<GuitarInput['privateInfo']>;

/** The stored form of the private information; amounts with more decimals than the currency has are refused. */
function storePrivateInfo(
  info: PrivateInfoInput | undefined,
  receiptKey: string | undefined,
): StoredPrivateInfo {
  const stored: StoredPrivateInfo = {};
  const problems: FieldProblem[] = [];
  if (info) {
    const { originalRetailPrice, purchasePrice, currentValue, ...rest } = info;
    Object.assign(stored, rest);
    const amounts = { originalRetailPrice, purchasePrice, currentValue };
    for (const field of MONEY_FIELDS) {
      const amount = amounts[field];
      if (amount === undefined || !info.currency) continue;
      const minor = toMinorUnits(amount, info.currency);
      if (minor === undefined) {
        problems.push({ field: `privateInfo.${field}`, message: `Too many decimals for ${info.currency}` });
      } else stored[`${field}Minor`] = minor;
    }
  }
  if (problems.length > 0) throw guitarInvalid(problems);
  if (receiptKey) stored.receiptKey = receiptKey;
  return stored;
}

/** The stored guitar for writable input; notes, images and the receipt come from `base`. */
export function toItem(
  input: GuitarInput,
  base: Pick<GuitarItem, 'userId' | 'guitarId' | 'createdAt' | 'version' | 'updatedAt'> &
    Attached &
    Partial<Pick<GuitarItem, 'privateInfo'>>,
): GuitarItem {
  const receiptKey = ((base.privateInfo ?? {}) as StoredPrivateInfo).receiptKey;
  const item: GuitarItem = {
    userId: base.userId,
    guitarId: base.guitarId,
    brand: input.brand,
    brandKey: brandKey(input.brand),
    model: input.model,
    year: input.year,
    type: input.type,
    detailedSpecs: input.detailedSpecs ?? {},
    privateInfo: storePrivateInfo(input.privateInfo, receiptKey),
    ...attachmentsOf(base),
    version: base.version,
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
  };
  for (const field of SPEC_FIELDS) {
    if (input[field] !== undefined) Object.assign(item, { [field]: input[field] });
  }
  return item;
}

/** The writable fields of a stored guitar, as a client would send them (the base of a PATCH). */
export function toInput(item: GuitarItem): GuitarInput {
  const info = (item.privateInfo ?? {}) as StoredPrivateInfo;
  const {
    receiptKey: _receipt,
    originalRetailPriceMinor,
    purchasePriceMinor,
    currentValueMinor,
    ...rest
  } = info;
  const privateInfo: PrivateInfoInput = { ...rest };
  const minor = { originalRetailPriceMinor, purchasePriceMinor, currentValueMinor };
  for (const field of MONEY_FIELDS) {
    const value = minor[`${field}Minor`];
    if (value !== undefined && info.currency) privateInfo[field] = fromMinorUnits(value, info.currency);
  }
  const input: GuitarInput = {
    brand: item.brand,
    model: item.model,
    year: item.year,
    type: item.type as GuitarInput['type'],
    detailedSpecs: (item.detailedSpecs ?? {}) as Record<string, string>,
    privateInfo,
  };
  for (const field of SPEC_FIELDS) {
    if (item[field] !== undefined) Object.assign(input, { [field]: item[field] });
  }
  return input;
}

/** An image as the API shows it: public URLs instead of blob keys, without the upload it came from. */
export function toImage(blobs: BlobStore, image: ReturnType<typeof imagesOf>[number]) {
  const { id, caption, isPrimary, order, width, height, createdAt } = image;
  return {
    id,
    url: blobs.publicUrl(image.key),
    thumbnailUrl: blobs.publicUrl(image.thumbnailKey),
    caption,
    isPrimary,
    order,
    width,
    height,
    createdAt,
  };
}

/** As listed: no notes, no private information. */
export function toSummary(blobs: BlobStore, item: GuitarItem) {
  const spec = Object.fromEntries(SPEC_FIELDS.map((field) => [field, item[field] ?? null])) as {
    [F in (typeof SPEC_FIELDS)[number]]: NonNullable<GuitarItem[F]> | null;
  };
  const images = imagesOf(item);
  return {
    id: item.guitarId,
    brand: item.brand,
    model: item.model,
    year: item.year,
    type: item.type as Guitar['type'],
    ...spec,
    detailedSpecs: (item.detailedSpecs ?? {}) as Record<string, string>,
    images: images.map((image) => toImage(blobs, image)),
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The whole guitar; a receipt appears only as a short-lived signed URL. */
export async function toGuitar(blobs: BlobStore, item: GuitarItem): Promise<Guitar> {
  const info = (item.privateInfo ?? {}) as StoredPrivateInfo;
  const input = toInput(item).privateInfo ?? {};
  const notes = notesOf(item).map(({ id, content, createdAt }) => ({
    id,
    content,
    createdAt,
  }));
  return {
    ...toSummary(blobs, item),
    notes,
    privateInfo: {
      serialNumber: input.serialNumber ?? null,
      purchaseDate: input.purchaseDate ?? null,
      originalRetailPrice: input.originalRetailPrice ?? null,
      purchasePrice: input.purchasePrice ?? null,
      purchaseLocation: input.purchaseLocation ?? null,
      currentValue: input.currentValue ?? null,
      currency: input.currency ?? null,
      insuranceInfo: input.insuranceInfo ?? null,
      receiptUrl: info.receiptKey ? await blobs.signedReadUrl(info.receiptKey, RECEIPT_URL_SECONDS) : null,
    },
  };
}
