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

export interface StoredImage {
  id: string;
  key: string;
  thumbnailKey: string;
  /** The upload it came from: completing the same upload twice records it once. */
  uploadKey?: string;
  caption: string | null;
  isPrimary: boolean;
  order: number;
  width: number;
  height: number;
  createdAt: string;
}

export interface StoredNote {
  id: string;
  content: string;
  createdAt: string;
  /** With an Idempotency-Key: hashes of the key and of the content it was first sent with. */
  keyHash?: string;
  requestHash?: string;
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

/** The stored guitar for writable input; images, notes and the receipt come from `base`. */
export function toItem(
  input: GuitarInput,
  base: Pick<GuitarItem, 'userId' | 'guitarId' | 'createdAt' | 'version' | 'updatedAt'> &
    Partial<Pick<GuitarItem, 'images' | 'notes' | 'privateInfo'>>,
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
    images: base.images ?? [],
    notes: base.notes ?? [],
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
export function toImage(blobs: BlobStore, image: StoredImage) {
  const { key, thumbnailKey, uploadKey: _upload, ...rest } = image;
  return { ...rest, url: blobs.publicUrl(key), thumbnailUrl: blobs.publicUrl(thumbnailKey) };
}

/** As listed: no notes, no private information. */
export function toSummary(blobs: BlobStore, item: GuitarItem) {
  const spec = Object.fromEntries(SPEC_FIELDS.map((field) => [field, item[field] ?? null])) as {
    [F in (typeof SPEC_FIELDS)[number]]: NonNullable<GuitarItem[F]> | null;
  };
  const images = ((item.images ?? []) as StoredImage[]).toSorted((a, b) => a.order - b.order);
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
  const notes = ((item.notes ?? []) as StoredNote[]).map(({ id, content, createdAt }) => ({
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
