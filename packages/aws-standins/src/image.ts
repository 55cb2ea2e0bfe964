import { inflateSync } from 'node:zlib';

/** What the stand-in learns from an image's bytes. */
export interface ImageFacts {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** Colour components (JPEG) or PNG colour type's channel count. */
  channels: number;
  /** Share of visible pixels per colour name (PNG only; empty when the pixels are not decoded). */
  colours: ReadonlyMap<string, number>;
  /** Share of pixels with alpha below 128 (PNG with alpha only). */
  transparentShare: number;
}

/** Why the bytes are not an image the stand-in can read (answered as InvalidImageFormatException). */
export class UnreadableImageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UnreadableImageError';
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Images with more pixels than this keep their format and size labels but get no colour labels. */
export const MAX_DECODED_PIXELS = 16_000_000;

/**
 * Reads an image's format, dimensions and (PNG, 8-bit, non-interlaced) colour histogram from its bytes.
 *
 * @example
 * const facts = inspectImage(bytes); // { format: 'png', width: 640, height: 480, colours: Map { 'Red' => 0.8 } ... }
 */
export function inspectImage(bytes: Buffer): ImageFacts {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return inspectPng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return inspectJpeg(bytes);
  throw new UnreadableImageError('not a PNG or JPEG image');
}

function inspectJpeg(bytes: Buffer): ImageFacts {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new UnreadableImageError(`JPEG marker expected at byte ${offset}`);
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame header
    const length = bytes.readUInt16BE(offset + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (offset + 10 > bytes.length) break;
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      const channels = bytes[offset + 9]!;
      if (width === 0 || height === 0) throw new UnreadableImageError('JPEG frame has a zero dimension');
      return { format: 'jpeg', width, height, channels, colours: new Map(), transparentShare: 0 };
    }
    offset += 2 + length;
  }
  throw new UnreadableImageError('JPEG has no frame header (SOF)');
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function inspectPng(bytes: Buffer): ImageFacts {
  let offset = 8;
  let header: PngHeader | undefined;
  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length < length) throw new UnreadableImageError(`PNG chunk ${type} is truncated`);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8]!, colourType: body[9]!, interlace: body[12]! };
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') paletteAlpha = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!header) throw new UnreadableImageError('PNG has no IHDR chunk');
  if (!ended) throw new UnreadableImageError('PNG is truncated (no IEND chunk)');
  const channels = CHANNELS[header.colourType];
  if (channels === undefined || header.width === 0 || header.height === 0) throw new UnreadableImageError('PNG header is invalid');
  const facts = { format: 'png' as const, width: header.width, height: header.height, channels, colours: new Map<string, number>(), transparentShare: 0 };
  const decodable = header.bitDepth === 8 && header.interlace === 0 && header.width * header.height <= MAX_DECODED_PIXELS && (header.colourType !== 3 || palette);
  if (!decodable || data.length === 0) return facts;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data));
  } catch {
    throw new UnreadableImageError('PNG image data does not inflate');
  }
  const pixels = unfilter(raw, header.width, header.height, channels);
  return { ...facts, ...histogram(pixels, header, channels, palette, paletteAlpha) };
}

/** Reverses PNG's per-scanline filters (None, Sub, Up, Average, Paeth) for 8-bit samples. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  if (raw.length < (stride + 1) * height) throw new UnreadableImageError('PNG image data is shorter than its dimensions');
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? out[row + x - bpp]! : 0;
      const up = y > 0 ? out[row - stride + x]! : 0;
      const upLeft = y > 0 && x >= bpp ? out[row - stride + x - bpp]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) throw new UnreadableImageError(`PNG scanline ${y} has unknown filter ${filter}`);
      out[row + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return out;
}

function histogram(pixels: Buffer, header: PngHeader, channels: number, palette?: Buffer, paletteAlpha?: Buffer) {
  const counts = new Map<string, number>();
  let visible = 0;
  let transparent = 0;
  const total = header.width * header.height;
  for (let i = 0; i < total; i++) {
    const at = i * channels;
    let r: number;
    let g: number;
    let b: number;
    let a = 255;
    if (header.colourType === 2 || header.colourType === 6) {
      r = pixels[at]!;
      g = pixels[at + 1]!;
      b = pixels[at + 2]!;
      if (header.colourType === 6) a = pixels[at + 3]!;
    } else if (header.colourType === 3) {
      const index = pixels[at]!;
      r = palette![index * 3] ?? 0;
      g = palette![index * 3 + 1] ?? 0;
      b = palette![index * 3 + 2] ?? 0;
      a = paletteAlpha?.[index] ?? 255;
    } else {
      r = g = b = pixels[at]!;
      if (header.colourType === 4) a = pixels[at + 1]!;
    }
    if (a < 128) {
      transparent++;
      continue;
    }
    visible++;
    const name = colourName(r, g, b);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const colours = new Map<string, number>();
  for (const [name, count] of counts) colours.set(name, count / Math.max(1, visible));
  return { colours, transparentShare: transparent / total };
}

/**
 * Names a colour coarsely from its hue, saturation and value: Black, White, Gray, Red, Orange, Brown, Yellow, Green,
 * Cyan, Blue, Purple or Pink.
 *
 * @example
 * colourName(220, 30, 30); // 'Red'
 */
export function colourName(r: number, g: number, b: number): string {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const value = max;
  const saturation = max === 0 ? 0 : (max - min) / max;
  if (value < 0.2) return 'Black';
  if (saturation < 0.15) return value > 0.85 ? 'White' : 'Gray';
  const d = max - min;
  let hue: number;
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  if (max === rn) hue = 60 * (((gn - bn) / d + 6) % 6);
  else if (max === gn) hue = 60 * ((bn - rn) / d + 2);
  else hue = 60 * ((rn - gn) / d + 4);
  if (hue < 15 || hue >= 345) return 'Red';
  if (hue < 45) return value < 0.6 ? 'Brown' : 'Orange';
  if (hue < 70) return 'Yellow';
  if (hue < 170) return 'Green';
  if (hue < 200) return 'Cyan';
  if (hue < 260) return 'Blue';
  if (hue < 290) return 'Purple';
  return 'Pink';
}

/** A label as DetectLabels returns it. */
export interface StandinLabel {
  Name: string;
  Confidence: number;
  Instances: [];
  Parents: Array<{ Name: string }>;
  Aliases: [];
  Categories: Array<{ Name: string }>;
}

const label = (name: string, confidence: number, parent?: string, category = 'Colors and Visual Composition'): StandinLabel => ({
  Name: name,
  Confidence: Math.round(confidence * 1000) / 1000,
  Instances: [],
  Parents: parent ? [{ Name: parent }] : [],
  Aliases: [],
  Categories: [{ Name: category }],
});

/** Share of the visible pixels a colour needs to become a label. */
export const COLOUR_LABEL_MIN_SHARE = 0.1;

/**
 * The stand-in's deterministic labels for an image, most confident first:
 * - `PNG` or `JPEG` (99.9): the format;
 * - `Landscape` / `Portrait` / `Square` (98): the orientation (10% tolerance for Square);
 * - `Thumbnail` (< 0.1 MP), `Small Image` (< 1 MP), `Medium Image` (< 4 MP) or `Large Image` (96): the size class;
 * - PNG (8-bit, non-interlaced, at most 16 MP): each colour covering at least 10% of the visible pixels, with
 *   confidence 50 + 50 x its share (`Red` 90 for an 80% red image), parent `Color`; `Transparent` (95) when more
 *   than 10% of the pixels have alpha below 128;
 * - JPEG: no pixels are decoded; `Grayscale` (95) for a one-component frame, else `Photo` (80).
 *
 * @example
 * labelsFor(inspectImage(bytes)).map((l) => l.Name); // ['PNG', 'Square', 'Thumbnail', 'Red']
 */
export function labelsFor(facts: ImageFacts): StandinLabel[] {
  const labels: StandinLabel[] = [label(facts.format === 'png' ? 'PNG' : 'JPEG', 99.9, undefined, 'Technology and Computing')];
  const ratio = facts.width / facts.height;
  labels.push(label(ratio > 1.1 ? 'Landscape' : ratio < 1 / 1.1 ? 'Portrait' : 'Square', 98));
  const megapixels = (facts.width * facts.height) / 1_000_000;
  labels.push(label(megapixels < 0.1 ? 'Thumbnail' : megapixels < 1 ? 'Small Image' : megapixels < 4 ? 'Medium Image' : 'Large Image', 96));
  if (facts.format === 'jpeg') labels.push(facts.channels === 1 ? label('Grayscale', 95) : label('Photo', 80, undefined, 'Popular Landmarks and Photography'));
  if (facts.transparentShare > 0.1) labels.push(label('Transparent', 95));
  for (const [name, share] of facts.colours) if (share >= COLOUR_LABEL_MIN_SHARE) labels.push(label(name, 50 + 50 * share, 'Color'));
  return labels.sort((a, b) => b.Confidence - a.Confidence || a.Name.localeCompare(b.Name));
}
