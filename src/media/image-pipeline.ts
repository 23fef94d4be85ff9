import type { Sharp, SharpOptions } from 'sharp';
import { lazy } from '../lazy.js';

/** The formats an upload may be; HEIC/HEIF only when this build of libvips can decode it (decision 18). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heif';

export const THUMBNAIL_SIZE = 400;
/** 50 megapixels: a 48 MP phone photo passes; a decompression bomb does not reach the decoder. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Images processed at once in one process. A 50 MP photo turned by its EXIF orientation holds ~150 MB
 * of pixels while it is re-encoded, so on the long-running server concurrent uploads queue here
 * instead of adding up to an out-of-memory kill (a Lambda instance handles one request at a time).
 */
export const MAX_CONCURRENT_IMAGES = 2;

/** A counting gate: at most `limit` tasks run at once, the others wait in arrival order. */
function createGate(limit: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      // A finishing task hands its place straight to the next in line, so `active` never overshoots.
      if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      else active += 1;
      try {
        return await task();
      } finally {
        const next = queue.shift();
        if (next) next();
        else active -= 1;
      }
    },
  };
}

/** The gate every `processImage` call passes. */
export const imageGate = createGate(MAX_CONCURRENT_IMAGES);

export interface ProcessedImage {
  /** The format found in the bytes (not the one the client declared). */
  format: ImageFormat;
  /** The cleaned original's type (HEIF becomes JPEG). */
  contentType: string;
  /** The cleaned original's size, after rotation. */
  width: number;
  height: number;
  original: Buffer;
  thumbnail: Buffer;
  thumbnailContentType: string;
}

export type ImageRejection =
  /** No known image signature: a text file, a PDF, a renamed anything. */
  | 'not-an-image'
  /** HEIC compressed with HEVC, which the prebuilt libvips cannot decode. */
  | 'unsupported-format'
  /** The bytes start like an image but do not decode (truncated, corrupt, header and body disagree). */
  | 'corrupt'
  | 'too-many-pixels';

/** Why an upload is not an image this pipeline accepts; the message is safe to show to the uploader. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: ImageRejection,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageRejectedError';
  }
}

export interface ImagePipelineOptions {
  maxInputPixels?: number;
}

/** HEIF brands whose images are HEVC-coded (an iPhone's HEIC); `mif1`/`msf1` say nothing of the codec. */
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const HEIF_BRANDS = new Set([...HEVC_BRANDS, 'mif1', 'msf1', 'avif', 'avis']);

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(start, end)).toString('latin1');

/** The format the magic bytes announce, before any decoder looks at the file. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return 'heif';
  return undefined;
}

const sharpModule = lazy(async () => {
  const sharp = (await import('sharp')).default;
  // Each upload is decoded once: libvips' operation cache would only hold memory (Lambda bills for it).
  sharp.cache(false);
  return sharp;
});

/** Whether this libvips decodes HEVC (a build with libde265 lists `.heic`); sharp's prebuilt one has AV1 only. */
async function decodesHevc(): Promise<boolean> {
  return (await sharpModule()).format.heif.input.fileSuffix?.includes('.heic') ?? false;
}

const HEIC_UNSUPPORTED =
  'HEIC photos cannot be processed on this server; export the photo as JPEG and upload that';

const OUTPUT: Record<ImageFormat, { contentType: string; encode: (image: Sharp) => Sharp }> = {
  jpeg: { contentType: 'image/jpeg', encode: (image) => image.jpeg({ quality: 85 }) },
  png: { contentType: 'image/png', encode: (image) => image.png() },
  webp: { contentType: 'image/webp', encode: (image) => image.webp({ quality: 85 }) },
  // Browsers other than Safari cannot show HEIC; a decodable HEIF is kept as JPEG.
  heif: { contentType: 'image/jpeg', encode: (image) => image.jpeg({ quality: 85 }) },
};

/**
 * Turns uploaded bytes (or what a loader reads, once its turn at the gate has come) into what Amply stores: the real format sniffed from the bytes and confirmed by
 * the decoder, the image turned upright by its EXIF orientation, every piece of metadata dropped (EXIF
 * with GPS, XMP, IPTC and the ICC profile, after converting to sRGB), re-encoded in its own format,
 * plus a WebP thumbnail that fits in 400×400. Anything that is not such an image is an
 * `ImageRejectedError`.
 */
export function processImage(
  input: Buffer | (() => Promise<Buffer>),
  options: ImagePipelineOptions = {},
): Promise<ProcessedImage> {
  // A loader runs inside the gate too, so waiting uploads are not held in memory meanwhile.
  return imageGate.run(async () => cleanImage(typeof input === 'function' ? await input() : input, options));
}

async function cleanImage(input: Buffer, options: ImagePipelineOptions): Promise<ProcessedImage> {
  const sniffed = sniffImageFormat(input);
  if (!sniffed) {
    throw new ImageRejectedError('not-an-image', 'The file is not a JPEG, PNG, WebP or HEIC image');
  }
  const hevcBrand = sniffed === 'heif' && HEVC_BRANDS.has(ascii(input, 8, 12));
  if (hevcBrand && !(await decodesHevc()))
    throw new ImageRejectedError('unsupported-format', HEIC_UNSUPPORTED);
  const sharp = await sharpModule();
  const maxPixels = options.maxInputPixels ?? MAX_INPUT_PIXELS;
  const decoding: SharpOptions = { limitInputPixels: maxPixels, failOn: 'warning', autoOrient: true };

  // Reading the header decodes no pixels, so the size is checked here before any decoding.
  let metadata: Awaited<ReturnType<Sharp['metadata']>>;
  try {
    metadata = await sharp(input, { ...decoding, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageRejectedError('corrupt', 'The image cannot be read', { cause: error });
  }
  if (metadata.format !== sniffed) {
    throw new ImageRejectedError('corrupt', 'The image cannot be read');
  }
  if (metadata.compression === 'hevc' && !(await decodesHevc())) {
    throw new ImageRejectedError('unsupported-format', HEIC_UNSUPPORTED);
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > maxPixels) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `The image has more than ${Math.floor(maxPixels / 1_000_000)} megapixels`,
    );
  }

  const output = OUTPUT[sniffed];
  try {
    // One after the other: in parallel, two decoded copies of a 12 MP photo are in memory at once.
    const original = await output.encode(sharp(input, decoding)).toBuffer({ resolveWithObject: true });
    // The strict decode above has accepted these bytes; the lenient one here is about a third cheaper.
    const thumbnail = await sharp(input, { ...decoding, failOn: 'none' })
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      format: sniffed,
      contentType: output.contentType,
      width: original.info.width,
      height: original.info.height,
      original: original.data,
      thumbnail,
      thumbnailContentType: 'image/webp',
    };
  } catch (error) {
    throw new ImageRejectedError('corrupt', 'The image cannot be read', { cause: error });
  }
}
