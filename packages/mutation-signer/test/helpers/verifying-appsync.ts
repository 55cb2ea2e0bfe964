import { createCredentialRegistry, type CredentialRegistry, type RoleRef } from '@notifier/local-iam';
import { createVerifyingServer, type VerifiedHandler, type VerifyingServer } from '@notifier/local-iam/testing';
import { NOTIFICATION } from './fixtures';

/** Region of the verifying server's credential scope. */
export const REGION = 'us-east-1';

/** The role whose minted credentials sign the requests. */
export const ROLE: RoleRef = {
  roleName: 'BulkLoadNoticeRole',
  roleArn: 'arn:aws:iam::111122223333:role/BulkLoadNoticeRole',
  accountId: '111122223333',
};

/** A local server that verifies every signature from the bytes it received, for the tests of one `describe`. */
export interface VerifyingAppSync {
  /** The registry that minted the credentials the server knows. */
  readonly registry: CredentialRegistry;
  readonly server: VerifyingServer;
  /** The server's `/graphql` URL. */
  readonly url: string;
  /** What a verified request gets; reset before each test to a delivered `notifyDatasetRefreshed`. */
  respond: VerifiedHandler;
}

/**
 * Starts a {@link VerifyingAppSync} before the tests of the enclosing `describe` and closes it after them;
 * before each test its recorded requests are cleared and `respond` is reset.
 *
 * @example
 * ```ts
 * const appsync = useVerifyingAppSync();
 * it('...', async () => { appsync.respond = () => ({ status: 503, body: {} }); ... });
 * ```
 */
export function useVerifyingAppSync(): VerifyingAppSync {
  const delivered: VerifiedHandler = () => ({ status: 200, body: { data: { notifyDatasetRefreshed: NOTIFICATION } } });
  let registry: CredentialRegistry | undefined;
  let server: VerifyingServer | undefined;
  let respond = delivered;

  beforeAll(async () => {
    registry = createCredentialRegistry();
    server = await createVerifyingServer({ credentials: registry, region: REGION, handler: (...args) => respond(...args) });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.requests.length = 0;
    respond = delivered;
  });

  return {
    get registry() {
      return registry!;
    },
    get server() {
      return server!;
    },
    get url() {
      return `${server!.url}/graphql`;
    },
    get respond() {
      return respond;
    },
    set respond(handler: VerifiedHandler) {
      respond = handler;
    },
  };
}
