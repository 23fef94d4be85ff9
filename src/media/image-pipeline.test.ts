import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  ImageRejectedError,
  imageGate,
  MAX_CONCURRENT_IMAGES,
  processImage,
  sniffImageFormat,
  THUMBNAIL_SIZE,
} from './image-pipeline.js';

const GPS = {
  IFD0: { Make: 'Amply Test Camera', Copyright: 'Someone' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '51/1 30/1 1234/100',
    GPSLongitudeRef: 'W',
    GPSLongitude: '0/1 7/1 3900/100',
  },
};
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.2N"/></rdf:RDF></x:xmpmeta>';

/** A photo-like picture (grainy, so it does not compress to nothing), red on top and blue below. */
function photo(width: number, height: number, alpha = false) {
  const channels = alpha ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  const grain = randomBytes(pixels.length);
  for (let i = 0; i < pixels.length; i += channels) {
    const red = i / channels / width < height / 2;
    pixels[i] = (red ? 200 : 30) + (grain[i] as number) / 8;
    pixels[i + 1] = 20 + (grain[i + 1] as number) / 8;
    pixels[i + 2] = (red ? 30 : 200) + (grain[i + 2] as number) / 8;
    if (alpha) pixels[i + 3] = 128;
  }
  return sharp(pixels, { raw: { width, height, channels } });
}

async function meanColour(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
) {
  // stats() reads its input, not the pipeline: cut the region out first.
  const { channels } = await sharp(await sharp(image).extract(region).png().toBuffer()).stats();
  return { r: channels[0]?.mean ?? 0, b: channels[2]?.mean ?? 0 };
}

/** Everything that could identify where or by whom a picture was taken. */
async function identifyingMetadata(image: Buffer) {
  const { exif, xmp, iptc, icc, orientation } = await sharp(image).metadata();
  return { exif, xmp, iptc, icc, orientation };
}

const NO_METADATA = {
  exif: undefined,
  xmp: undefined,
  iptc: undefined,
  icc: undefined,
  orientation: undefined,
};

async function rejection(input: Buffer, options?: Parameters<typeof processImage>[1]) {
  const error = await processImage(input, options).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ImageRejectedError);
  return error as ImageRejectedError;
}

describe('processImage', () => {
  it('turns a JPEG upright by its EXIF orientation and drops its EXIF, GPS included', async () => {
    // Stored 600×400 with orientation 6: shown rotated 90° clockwise, as a 400×600 portrait.
    const input = await photo(600, 400)
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .withExifMerge(GPS)
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(Buffer.from('Amply Test Camera'))).toBe(true);

    const result = await processImage(input);

    expect(result).toMatchObject({
      format: 'jpeg',
      contentType: 'image/jpeg',
      width: 400,
      height: 600,
      thumbnailContentType: 'image/webp',
    });
    expect(await identifyingMetadata(result.original)).toEqual(NO_METADATA);
    expect(result.original.includes(Buffer.from('Amply Test Camera'))).toBe(false);
    const stored = await sharp(result.original).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 400, 600]);
    // Red was on top; turned clockwise, it is on the right.
    const left = await meanColour(result.original, { left: 20, top: 250, width: 100, height: 100 });
    const right = await meanColour(result.original, { left: 280, top: 250, width: 100, height: 100 });
    expect(left.b).toBeGreaterThan(left.r);
    expect(right.r).toBeGreaterThan(right.b);

    const thumbnail = await sharp(result.thumbnail).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['webp', 267, THUMBNAIL_SIZE]);
    expect(await identifyingMetadata(result.thumbnail)).toEqual(NO_METADATA);
  });

  it('keeps a PNG as PNG with its transparency, without its EXIF or XMP', async () => {
    const input = await photo(1000, 800, true).png().withExif(GPS).withXmp(XMP).toBuffer();
    const before = await sharp(input).metadata();
    expect(before.xmp).toBeDefined();
    expect(before.exif).toBeDefined();

    const result = await processImage(input);

    expect(result).toMatchObject({ format: 'png', contentType: 'image/png', width: 1000, height: 800 });
    expect(await identifyingMetadata(result.original)).toEqual(NO_METADATA);
    expect((await sharp(result.original).metadata()).hasAlpha).toBe(true);
    const thumbnail = await sharp(result.thumbnail).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height, thumbnail.hasAlpha]).toEqual([
      'webp',
      400,
      320,
      true,
    ]);
  });

  it('keeps a WebP as WebP without its EXIF', async () => {
    const input = await photo(800, 800).webp({ quality: 90 }).withExif(GPS).toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const result = await processImage(input);

    expect(result).toMatchObject({ format: 'webp', contentType: 'image/webp', width: 800, height: 800 });
    expect(await identifyingMetadata(result.original)).toEqual(NO_METADATA);
    const thumbnail = await sharp(result.thumbnail).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([400, 400]);
  });

  it('does not enlarge an image smaller than the thumbnail', async () => {
    const input = await photo(120, 90).jpeg().toBuffer();
    const result = await processImage(input);
    const thumbnail = await sharp(result.thumbnail).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([120, 90]);
  });

  it('accepts an AV1-coded HEIF and stores it as JPEG', async () => {
    const input = await photo(300, 200).heif({ compression: 'av1', quality: 60 }).toBuffer();
    expect(sniffImageFormat(input)).toBe('heif');

    const result = await processImage(input);

    expect(result).toMatchObject({ format: 'heif', contentType: 'image/jpeg', width: 300, height: 200 });
    expect((await sharp(result.original).metadata()).format).toBe('jpeg');
  });

  it.skipIf(sharp.format.heif.input.fileSuffix?.includes('.heic'))(
    'refuses an HEVC-coded HEIC with a message saying what to do, when libvips cannot decode HEVC',
    async () => {
      const header = Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1');
      const error = await rejection(Buffer.concat([header, Buffer.alloc(2000, 7)]));
      expect(error.reason).toBe('unsupported-format');
      expect(error.message).toMatch(/HEIC .* export the photo as JPEG/);
    },
  );

  it('processes (and reads) at most two images at once; the others wait their turn and then all finish', async () => {
    expect(MAX_CONCURRENT_IMAGES).toBe(2);
    const input = await photo(64, 64).jpeg().toBuffer();
    let loaded = 0;
    const load = async () => {
      loaded += 1;
      return input;
    };
    const runs = [1, 2, 3, 4, 5].map(() => processImage(load));
    expect(imageGate.active).toBe(2);
    expect(imageGate.waiting).toBe(3);
    // The waiting ones have not read their bytes yet.
    await Promise.resolve();
    expect(loaded).toBe(2);
    const done = await Promise.all(runs);
    expect(done.map((image) => image.width)).toEqual([64, 64, 64, 64, 64]);
    expect({ active: imageGate.active, waiting: imageGate.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it('gives the place of a refused image to the next one in line', async () => {
    const text = Buffer.from('not an image at all');
    const input = await photo(32, 32).png().toBuffer();
    const results = await Promise.allSettled(
      [text, text, input, text, input].map((bytes) => processImage(bytes)),
    );
    expect(results.map((result) => result.status)).toEqual([
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(imageGate.active).toBe(0);
  });

  it('refuses a text file, whatever its name says', async () => {
    const error = await rejection(Buffer.from('name,brand\nLes Paul,Gibson\n'));
    expect(error.reason).toBe('not-an-image');
    expect(error.message).toBe('The file is not a JPEG, PNG, WebP or HEIC image');
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await photo(1200, 900).jpeg({ quality: 90 }).toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    expect((await sharp(truncated).metadata()).width).toBe(1200);

    const error = await rejection(truncated);

    expect(error.reason).toBe('corrupt');
    expect(error.message).toBe('The image cannot be read');
  });

  it('refuses a PNG signature followed by something that is not a PNG', async () => {
    const fake = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('<html></html>')]);
    expect((await rejection(fake)).reason).toBe('corrupt');
  });

  it('refuses a decompression bomb from its header, before decoding any pixels', async () => {
    // A PNG that claims 20000×20000 (400 megapixels) in a few dozen bytes.
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(20_000, 0);
    header.writeUInt32BE(20_000, 4);
    header.set([8, 2, 0, 0, 0], 8);
    const bomb = Buffer.concat([
      Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
      chunk('IHDR', header),
      chunk('IDAT', Buffer.alloc(16)),
      chunk('IEND', Buffer.alloc(0)),
    ]);

    const error = await rejection(bomb);

    expect(error.reason).toBe('too-many-pixels');
    expect(error.message).toBe('The image has more than 50 megapixels');
  });

  it('refuses a real image over a lower pixel limit', async () => {
    const input = await photo(300, 300).jpeg().toBuffer();
    expect((await rejection(input, { maxInputPixels: 80_000 })).reason).toBe('too-many-pixels');
  });
});
