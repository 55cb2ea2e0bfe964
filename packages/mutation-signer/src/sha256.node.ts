import { Hash } from '@smithy/hash-node';
import type { Checksum, SourceData } from '@smithy/types';

/** SHA-256 / HMAC-SHA-256 on node:crypto, in the `ChecksumConstructor` shape SignatureV4 expects. */
export class Sha256 extends Hash implements Checksum {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}
