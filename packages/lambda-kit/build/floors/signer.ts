// A bench floor: the least that a handler signing its AppSync requests with @smithy/signature-v4 loads. Only
// the signer, its node:crypto SHA-256 (@smithy/hash-node) and one SignatureV4 built from the environment's
// credentials: no zod, no logger, no transport, no handler logic.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export const signer = new SignatureV4({
  service: 'appsync',
  region: process.env.AWS_REGION ?? 'us-east-1',
  sha256: Hash.bind(null, 'sha256'),
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
});
