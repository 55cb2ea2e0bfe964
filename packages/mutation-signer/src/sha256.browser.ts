// Selected by the `browser` condition of the `#sha256` import: runtimes without node:crypto.
export { Sha256 } from '@aws-crypto/sha256-js';
