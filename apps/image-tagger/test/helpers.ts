import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh copy of a fixture under test/events, so no test sees another's changes. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return structuredClone(JSON.parse(readFileSync(path.join(__dirname, 'events', name), 'utf8')) as T);
}

/** The first bytes of a JPEG (SOI + APP0 JFIF header). */
export const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
/** The PNG signature followed by the start of an IHDR chunk. */
export const PNG_HEAD = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** A GetObject body as the SDK returns it, reduced to what the code reads. */
export function body(bytes: Uint8Array) {
  return { transformToByteArray: async () => bytes } as never;
}

/** An AWS SDK service error with the given name and HTTP status. */
export function serviceError(name: string, status = 400, message = `${name} raised`): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}
