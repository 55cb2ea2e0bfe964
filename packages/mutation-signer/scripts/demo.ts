// Demo: sign and send a NotifyDatasetRefreshed mutation to a local server that verifies SigV4 from the
// bytes it receives and answers like AppSync; send it again (idempotent: duplicate); then replay the
// signed request with a tampered body and show it refused. Exits 0 when all three behave, 1 otherwise.
import { createCredentialRegistry } from '@notifier/local-iam';
import { createVerifyingServer, type HandlerResult } from '@notifier/local-iam/testing';
import { NotifyDatasetRefreshedDocument, type NotifyDatasetRefreshedMutationVariables } from '@notifier/schema';
import { randomUUID } from 'node:crypto';
import { AppSyncHttpError, createAppSyncClient } from '../src';

const REGION = 'us-east-1';
const ROLE = {
  roleName: 'BulkLoadNoticeRole',
  roleArn: 'arn:aws:iam::111122223333:role/BulkLoadNoticeRole',
  accountId: '111122223333',
};

const line = (text = ''): void => console.log(text);
const fail = (reason: string): never => {
  throw new Error(reason);
};

/** Answers the notifyDatasetRefreshed mutation as the deployed resolver does (store once, then duplicate). */
const createAppSyncLikeHandler = () => {
  const stored = new Set<string>();
  return (bodyText: string): HandlerResult => {
    const { query, variables } = JSON.parse(bodyText) as { query: string; variables: NotifyDatasetRefreshedMutationVariables };
    if (!/\bnotifyDatasetRefreshed\s*\(/.test(query)) {
      return { status: 200, body: { data: null, errors: [{ errorType: 'ValidationError', message: 'only notifyDatasetRefreshed is served here' }] } };
    }
    const { input } = variables;
    const pk = `DATASET_REFRESHED#${input.idempotencyKey}`;
    if (stored.has(pk)) {
      return {
        status: 200,
        body: {
          data: { notifyDatasetRefreshed: null },
          errors: [{ path: ['notifyDatasetRefreshed'], data: null, errorType: 'DuplicateNotification', errorInfo: { pk }, message: 'Notification already delivered' }],
        },
      };
    }
    stored.add(pk);
    return {
      status: 200,
      body: {
        data: {
          notifyDatasetRefreshed: {
            id: randomUUID(),
            kind: 'DATASET_REFRESHED',
            audience: 'BROADCAST',
            ownerId: null,
            createdAt: new Date().toISOString(),
            imageTagged: null,
            transcriptReady: null,
            datasetRefreshed: {
              dataset: input.dataset,
              version: input.version,
              recordCount: input.recordCount ?? null,
              completedAt: input.completedAt,
            },
            modelReady: null,
          },
        },
      },
    };
  };
};

const main = async (): Promise<void> => {
  const registry = createCredentialRegistry();
  const answer = createAppSyncLikeHandler();
  const server = await createVerifyingServer({
    credentials: registry,
    region: REGION,
    handler: (_request, _principal, bodyText) => answer(bodyText),
  });
  try {
    const credentials = registry.mintForRole(ROLE, { sessionName: 'bulk-load-notice' });
    // Keep what was sent so the demo can replay it with a tampered body.
    let lastSent: { headers: Record<string, string>; body: Uint8Array } | undefined;
    const client = createAppSyncClient({
      url: `${server.url}/graphql`,
      region: REGION,
      credentials,
      fetch: (input, init) => {
        lastSent = { headers: { ...(init?.headers as Record<string, string>) }, body: init?.body as Uint8Array };
        return fetch(input, init);
      },
    });
    const variables: NotifyDatasetRefreshedMutationVariables = {
      input: {
        idempotencyKey: `bulk-load/${new Date().toISOString().slice(0, 10)}/orders/v42`,
        dataset: 'orders',
        version: 'v42',
        recordCount: 1250,
        completedAt: new Date().toISOString(),
      },
    };

    line(`Local verifying server (AppSync-like, SigV4 from received bytes): ${server.url}/graphql, region ${REGION}`);
    line(`Credentials: temporary, role ${ROLE.roleName}, access key ${credentials.accessKeyId}`);
    line();

    line('1. NotifyDatasetRefreshed, signed and sent');
    const first = await client.mutate(NotifyDatasetRefreshedDocument, variables);
    const verified = server.requests.at(-1) ?? fail('the server recorded no request');
    if (verified.outcome !== 'verified') fail(`the signed request was refused: ${verified.error?.message}`);
    line(`   ${verified.request.method} ${verified.request.path}  -> ${verified.status}, signature verified`);
    line(`   authorization: ${String(verified.request.headers.authorization)}`);
    line(`   x-amz-date: ${String(verified.request.headers['x-amz-date'])}`);
    line(`   signer: ${verified.principal?.userArn}`);
    line(`   result: ${JSON.stringify(first)}`);
    if (first.outcome !== 'delivered') fail(`expected outcome delivered, got ${first.outcome}`);
    line();

    line('2. The same mutation again (same idempotency key)');
    const second = await client.mutate(NotifyDatasetRefreshedDocument, variables);
    line(`   result: outcome ${second.outcome}, errorType ${second.outcome === 'duplicate' ? second.errors[0]?.errorType : '-'}`);
    if (second.outcome !== 'duplicate') fail(`expected outcome duplicate, got ${second.outcome}`);
    line();

    line('3. The signed request replayed with a tampered body (recordCount 1250 -> 9999)');
    const sent = lastSent ?? fail('nothing was sent');
    const tampered = new TextDecoder().decode(sent.body).replace('"recordCount":1250', '"recordCount":9999');
    if (!tampered.includes('9999')) fail('could not tamper with the body');
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: sent.headers, body: tampered });
    const refusal = await response.text();
    line(`   -> ${response.status} ${response.headers.get('x-amzn-errortype')}`);
    line(`   ${refusal.slice(0, 160)}${refusal.length > 160 ? '…' : ''}`);
    if (response.status !== 403 || response.headers.get('x-amzn-errortype') !== 'InvalidSignatureException') {
      fail(`expected 403 InvalidSignatureException for the tampered request, got ${response.status}`);
    }
    line();

    line('4. The client with a wrong secret');
    const wrong = createAppSyncClient({
      url: `${server.url}/graphql`,
      region: REGION,
      credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey.slice(0, -2)}xx` },
    });
    const error = await wrong.mutate(NotifyDatasetRefreshedDocument, variables).then(
      () => fail('a request signed with a wrong secret was accepted'),
      (reason: unknown) => reason,
    );
    if (!(error instanceof AppSyncHttpError)) throw error;
    line(`   ${error.name}: status ${error.status}, errorType ${error.errorType} (not retried)`);
    line();
    line('OK: signed requests verify, repeats are duplicates, tampered and wrongly signed requests are refused.');
  } finally {
    await server.close();
  }
};

main().catch((error: unknown) => {
  console.error(`\nDemo FAILED: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.cause) console.error('cause:', error.cause);
  process.exitCode = 1;
});
