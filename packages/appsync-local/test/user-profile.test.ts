import { AddUserDocument, MeDocument, UpdateUserDocument } from '@notifier/schema';
import { signedInUser, startLocalAppSyncStack, type LocalAppSyncStack, type SignedInUser } from '../testing';
import { signedGraphQL } from './helpers/signing';

// The user record across sign-ins (addUser from the post-authentication trigger) and profile
// edits (updateUser), on dynalite through the deployed resolvers.
let stack: LocalAppSyncStack;

beforeAll(async () => {
  stack = await startLocalAppSyncStack();
}, 120_000);

afterAll(async () => {
  await stack.stop();
});

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ errorType?: string }> };

async function call(credentials: Parameters<typeof signedGraphQL>[1], query: unknown, variables: Record<string, unknown>): Promise<Body> {
  const result = await signedGraphQL(stack.appsync.graphqlUrl, credentials, stack.appsync.region, { query: String(query), variables });
  return result.body as Body;
}

function signIn(user: SignedInUser, pool: Record<string, string | null>): Promise<Body> {
  return call(stack.appsync.mintForRole('post-auth'), AddUserDocument, { userId: user.sub, userDetails: pool });
}

async function me(user: SignedInUser): Promise<Record<string, unknown>> {
  return (await call(user.credentials, MeDocument, {})).data?.me as Record<string, unknown>;
}

describe('Resolver: Mutation.addUser with Mutation.updateUser', () => {
  it('keeps the fields a user edited across later sign-ins, which change and publish nothing', async () => {
    // Prepare
    const alice = signedInUser(stack.appsync, 501);
    const pool = { displayName: 'alice123', picture: null, locale: null, email: 'alice@example.com', phoneNumber: null };
    await signIn(alice, pool);
    const edit = await call(alice.credentials, UpdateUserDocument, { userDetails: { displayName: 'Alice L.', locale: 'fr-FR' } });

    // Act
    const again = await signIn(alice, pool);

    // Assess
    expect(edit.errors).toBeUndefined();
    expect(again.data).toEqual({ addUser: null });
    expect(again.errors?.[0]?.errorType).toBe('DuplicateNotification');
    expect(await me(alice)).toMatchObject({ displayName: 'Alice L.', locale: 'fr-FR', picture: null, email: 'alice@example.com' });
  });

  it('still follows the pool for fields the user never edited and for contact details', async () => {
    // Prepare
    const bob = signedInUser(stack.appsync, 502);
    await signIn(bob, { displayName: 'bob', picture: 'https://example.com/bob.png', locale: 'en-GB', email: 'bob@example.com', phoneNumber: null });
    await call(bob.credentials, UpdateUserDocument, { userDetails: { picture: null } });

    // Act
    const changed = await signIn(bob, { displayName: 'Robert', picture: 'https://example.com/bob2.png', locale: 'en-US', email: 'robert@example.com', phoneNumber: '+15550100' });

    // Assess
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.addUser).toMatchObject({ displayName: 'Robert', picture: null, locale: 'en-US' });
    expect(await me(bob)).toMatchObject({ displayName: 'Robert', picture: null, locale: 'en-US', email: 'robert@example.com', phoneNumber: '+15550100' });
  });

  it('takes a name changed in the pool when the user never edited it', async () => {
    // Prepare
    const dave = signedInUser(stack.appsync, 504);
    const pool = { displayName: 'dave', picture: null, locale: 'en-GB', email: 'dave@example.com', phoneNumber: null };
    await signIn(dave, pool);

    // Act
    const renamed = await signIn(dave, { ...pool, displayName: 'David' });

    // Assess
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.addUser).toMatchObject({ displayName: 'David', locale: 'en-GB' });
    expect(await me(dave)).toMatchObject({ displayName: 'David', email: 'dave@example.com' });
  });

  it('creates a new user once: a repeated sign-in with the same profile writes nothing', async () => {
    // Prepare
    const carol = signedInUser(stack.appsync, 503);
    const pool = { displayName: 'carol', picture: null, locale: 'de-DE', email: 'carol@example.com', phoneNumber: null };
    const first = await signIn(carol, pool);
    const stored = await me(carol);

    // Act
    const second = await signIn(carol, pool);

    // Assess
    expect(first.data?.addUser).toMatchObject({ id: carol.sub, displayName: 'carol', locale: 'de-DE' });
    expect(second.errors?.[0]?.errorType).toBe('DuplicateNotification');
    expect(await me(carol)).toEqual(stored);
  });
});
