import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Server } from 'node:http';

/** The part of s3rver's API used here (s3rver ships no types; a local type keeps consumers free of ambient ones). */
interface S3rverInstance {
  httpServer?: Server;
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string }>;
}) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverConstructor;

/** Options of {@link startLocalS3}. */
export interface LocalS3Options {
  /** Buckets created at start. @default [] */
  buckets?: readonly string[];
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 lets the OS choose. @default 0 */
  port?: number;
}

/** A running s3rver. */
export interface LocalS3 {
  /** Endpoint for path-style S3 clients, e.g. `http://127.0.0.1:41233`. */
  readonly endpoint: string;
  /** Credentials s3rver accepts. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stops the server and deletes its temporary directory. */
  close(): Promise<void>;
}

/**
 * Starts s3rver (a local S3) on an OS-assigned port with its data in a fresh temporary directory: for tests and local
 * runs of the stand-ins. s3rver accepts only its own credentials (`S3RVER` / `S3RVER`) and checks no IAM.
 *
 * @example
 * const s3 = await startLocalS3({ buckets: ['media', 'transcripts'] });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, region: 'us-east-1' });
 */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'notifier-s3-'));
  const server = new S3rver({
    address: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  const { address, port } = await server.run();
  return {
    endpoint: `http://${address}:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}


const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * Encodes an 8-bit PNG (test images for the Rekognition stand-in) (colour type 2 RGB, 6 RGBA or 3 palette) from a pixel function, cycling the scanline filters
 * None, Sub, Up, Average, Paeth so the decoder meets each of them.
 *
 * @example
 * const png = encodePng(64, 32, () => [220, 20, 30]); // a red landscape thumbnail
 */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number?], colourType: 2 | 6 | 3 = 2): Buffer {
  const palette: number[][] = [];
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1;
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(stride);
    for (let x = 0; x < width; x++) {
      const [r, g, b, a = 255] = pixel(x, y);
      if (colourType === 3) {
        let index = palette.findIndex((p) => p[0] === r && p[1] === g && p[2] === b);
        if (index < 0) index = palette.push([r, g, b]) - 1;
        row[x] = index;
      } else {
        row.set(colourType === 6 ? [r, g, b, a] : [r, g, b], x * channels);
      }
    }
    rows.push(row);
  }
  for (let y = 0; y < height; y++) {
    const filter = colourType === 3 ? 0 : y % 5;
    const row = rows[y]!;
    const prev = y > 0 ? rows[y - 1]! : Buffer.alloc(stride);
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? row[x - channels]! : 0;
      const up = prev[x]!;
      const upLeft = x >= channels ? prev[x - channels]! : 0;
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
      }
      raw[y * (stride + 1) + 1 + x] = (row[x]! - predictor) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(colourType === 3 ? [chunk('PLTE', Buffer.from(palette.flat()))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A JPEG's header bytes (SOI, APP0 JFIF, SOF0 with the given size and components) and EOI: enough for metadata.
 *
 * @example
 * const jpeg = jpegHeader(1200, 800); // read by the stand-in as a 1200x800 colour JPEG
 */
export function jpegHeader(width: number, height: number, components: 1 | 3 = 3): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.alloc(2 + 2 + 6 + components * 3);
  sof.set([0xff, 0xc0]);
  sof.writeUInt16BE(8 + components * 3, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof[9] = components;
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}
