// Identifier generators of util.autoId / autoUlid / autoKsuid, over injectable randomness.
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID epoch (2014-05-13T16:53:20Z) in seconds. */
const KSUID_EPOCH = 1_400_000_000;

/** A random RFC 4122 v4 UUID (lower case), as util.autoId returns. */
export function uuid(): string {
  return randomUUID();
}

/** A ULID: 48-bit millisecond time and 80 random bits, Crockford base32 (26 characters). */
export function ulid(nowMs: number, randomBytes: (size: number) => Uint8Array = nodeRandomBytes): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let random = '';
  for (let i = 0; i < 16; i += 1) {
    random = CROCKFORD[Number(bits & 31n)] + random;
    bits >>= 5n;
  }
  return time + random;
}

/** A KSUID: 32-bit seconds since the KSUID epoch and 128 random bits, base62 (27 characters). */
export function ksuid(nowMs: number, randomBytes: (size: number) => Uint8Array = nodeRandomBytes): string {
  let value = BigInt(Math.floor(nowMs / 1000) - KSUID_EPOCH);
  for (const byte of randomBytes(16)) value = (value << 8n) | BigInt(byte);
  let text = '';
  while (value > 0n) {
    text = BASE62[Number(value % 62n)] + text;
    value /= 62n;
  }
  return text.padStart(27, '0');
}
