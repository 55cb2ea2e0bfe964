import { generate } from 'selfsigned';

/** A certificate and key made at start for the TLS listener. */
export interface LocalCertificate {
  /** PEM certificate (also the CA to trust: it is self-signed). */
  certPem: string;
  /** PEM private key. */
  keyPem: string;
}

/**
 * Makes a self-signed certificate for `localhost` and `127.0.0.1`, usable as its own CA
 * (`NODE_EXTRA_CA_CERTS`, or `ca` of `https.request`).
 *
 * @example
 * ```ts
 * const { certPem, keyPem } = await createLocalCertificate();
 * https.createServer({ cert: certPem, key: keyPem });
 * ```
 */
export async function createLocalCertificate(now: Date = new Date()): Promise<LocalCertificate> {
  const notBeforeDate = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfterDate = new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'appsync-local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  return { certPem: pems.cert, keyPem: pems.private };
}
