import { ResolverError, UnauthorizedError } from '@notifier/appsync-utils';
import { identities, invoke, makeContext, NOW_ISO, SIGNED_IN_IDENTITY_ID, SIGNED_IN_SUB } from '../helpers/appsync';


const storedUser = () => ({
  id: SIGNED_IN_SUB,
  displayName: 'Ada',
  picture: 'https://example.com/ada.png',
  locale: 'en-GB',
  email: 'ada@example.com',
  phoneNumber: '+441234567890',
  identityId: SIGNED_IN_IDENTITY_ID,
  createdAt: '2026-01-02T03:04:05.678Z',
  updatedAt: NOW_ISO,
});

interface AddUserRun {
  result?: unknown;
  error?: unknown;
  /** The UpdateItem writePoolProfile asked for, if it got that far. */
  write?: Record<string, unknown>;
}

/**
 * Runs the addUser PIPELINE as AppSync does (one stash throughout): the resolver's request,
 * readUser answered with `stored`, writePoolProfile answered with `written` (or `writeError`),
 * then the resolver's response.
 */
function runAddUser(
  args: Record<string, unknown>,
  stored: Record<string, unknown> | null,
  answer: { written?: Record<string, unknown>; writeError?: { type: string; message: string } } = {},
): AddUserRun {
  const ctx = makeContext('Mutation', 'addUser', args, identities.backend());
  const before = invoke('resolvers/Mutation.addUser.js', 'request', ctx);
  if (before.error) return { error: before.error };
  ctx.prev = { result: before.result };
  const read = invoke('functions/readUser.js', 'request', ctx);
  expect(read.result).toEqual({ operation: 'GetItem', key: { id: { S: args.userId } }, consistentRead: true });
  ctx.result = stored;
  const readDone = invoke('functions/readUser.js', 'response', ctx);
  if (readDone.error) return { error: readDone.error };
  ctx.prev = { result: readDone.result };
  delete ctx.result;
  const write = invoke('functions/writePoolProfile.js', 'request', ctx);
  if (write.error) return { error: write.error };
  ctx.result = answer.writeError ? null : answer.written;
  if (answer.writeError) ctx.error = answer.writeError;
  const writeDone = invoke('functions/writePoolProfile.js', 'response', ctx);
  const request = write.result as Record<string, unknown>;
  if (writeDone.error) return { error: writeDone.error, write: request };
  ctx.prev = { result: writeDone.result };
  delete ctx.result;
  delete ctx.error;
  const after = invoke('resolvers/Mutation.addUser.js', 'response', ctx);
  return { result: after.result, error: after.error, write: request };
}

const poolDetails = () => ({ displayName: 'Ada', picture: 'https://example.com/ada.png', locale: 'en-GB', email: 'ada@example.com', phoneNumber: '+441234567890' });

describe('Resolver: Mutation.addUser (pipeline)', () => {
  it('creates a new user with every pool field, keeping createdAt if it appeared meanwhile', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: { displayName: 'Ada', email: 'ada@example.com', locale: null } };

    // Act
    const { write, error } = runAddUser(args, null, { written: storedUser() });

    // Assess
    expect(error).toBeUndefined();
    expect(write).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: SIGNED_IN_SUB } },
      update: {
        expression:
          'SET #displayName = :displayName, #email = :email, #updatedAt = :updatedAt, #createdAt = if_not_exists(#createdAt, :updatedAt) REMOVE #picture, #locale, #phoneNumber',
        expressionNames: {
          '#displayName': 'displayName',
          '#picture': 'picture',
          '#locale': 'locale',
          '#email': 'email',
          '#phoneNumber': 'phoneNumber',
          '#updatedAt': 'updatedAt',
          '#createdAt': 'createdAt',
          '#id': 'id',
        },
        expressionValues: { ':displayName': { S: 'Ada' }, ':email': { S: 'ada@example.com' }, ':updatedAt': { S: NOW_ISO } },
      },
      condition: { expression: 'attribute_not_exists(#id)' },
    });
  });

  it('writes only the pool fields that differ, while the user has edited nothing', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'Ada Lovelace', phoneNumber: null } };

    // Act
    const { write } = runAddUser(args, storedUser(), { written: storedUser() });

    // Assess
    expect(write).toMatchObject({
      update: {
        expression: 'SET #displayName = :displayName, #updatedAt = :updatedAt, #createdAt = if_not_exists(#createdAt, :updatedAt) REMOVE #phoneNumber',
        expressionValues: { ':displayName': { S: 'Ada Lovelace' }, ':updatedAt': { S: NOW_ISO } },
      },
      condition: {
        expression:
          'attribute_exists(#id) AND attribute_not_exists(#editedFields) AND ((attribute_not_exists(#displayName) OR #displayName <> :displayName) OR attribute_exists(#phoneNumber))',
      },
    });
  });

  it('leaves fields the user edited alone and writes only the pool-owned ones, unless editedFields changed since the read', () => {
    // Prepare
    const stored = { ...storedUser(), displayName: 'Ada L.', locale: 'fr-FR', editedFields: ['displayName', 'locale'] };
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'ada123', locale: null, email: 'ada@new.example.com' } };

    // Act
    const { write } = runAddUser(args, stored, { written: stored });

    // Assess
    expect(write).toMatchObject({
      update: {
        expression: 'SET #email = :email, #updatedAt = :updatedAt, #createdAt = if_not_exists(#createdAt, :updatedAt)',
        expressionValues: { ':email': { S: 'ada@new.example.com' }, ':editedCount': { N: 2 }, ':updatedAt': { S: NOW_ISO } },
      },
      condition: { expression: 'attribute_exists(#id) AND size(#editedFields) = :editedCount AND (attribute_not_exists(#email) OR #email <> :email)' },
    });
  });

  it('writes nothing when only fields the user edited differ from the pool (a sign-in after a profile edit)', () => {
    // Prepare
    const stored = { ...storedUser(), displayName: 'Ada L.', locale: 'fr-FR', picture: undefined, editedFields: ['displayName', 'locale', 'picture'] };
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'ada123', locale: null } };

    // Act
    const { write, error } = runAddUser(args, stored);

    // Assess
    expect(write).toBeUndefined();
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'DuplicateNotification' });
  });

  it('writes nothing for an unchanged profile: null with DuplicateNotification, so nothing is published', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: poolDetails() };

    // Act
    const { write, error } = runAddUser(args, storedUser());

    // Assess
    expect(write).toBeUndefined();
    expect(error).toMatchObject({ errorType: 'DuplicateNotification' });
  });

  it('resolves to DuplicateNotification when the item changed between the read and the write', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'Ada Lovelace' } };
    const writeError = { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' };

    // Act
    const { write, error } = runAddUser(args, storedUser(), { writeError });

    // Assess
    expect(write).toBeDefined();
    expect(error).toMatchObject({ errorType: 'DuplicateNotification' });
  });

  it('passes other data source errors on with their type', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'Ada Lovelace' } };
    const writeError = { type: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow down' };

    // Act
    const { error } = runAddUser(args, storedUser(), { writeError });

    // Assess
    expect(error).toMatchObject({ errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow down' });
  });

  it('resolves to the public profile only', () => {
    // Prepare
    const args = { userId: SIGNED_IN_SUB, userDetails: { ...poolDetails(), displayName: 'Ada Lovelace' } };
    const written = { ...storedUser(), editedFields: ['locale'] };

    // Act
    const { result } = runAddUser(args, storedUser(), { written });

    // Assess
    expect(result).toEqual({ id: SIGNED_IN_SUB, displayName: 'Ada', picture: 'https://example.com/ada.png', locale: 'en-GB', updatedAt: NOW_ISO });
  });

  it.each([
    [{ userId: '', userDetails: {} }, 'userId must be a non-empty string'],
    [{ userId: SIGNED_IN_SUB, userDetails: { email: '' } }, 'userDetails.email must be a non-empty string'],
    [{ userId: SIGNED_IN_SUB, userDetails: { locale: 'x'.repeat(36) } }, 'userDetails.locale must be at most 35 characters'],
  ])('refuses invalid input before reading anything (case %#)', (args, message) => {
    // Act
    const { error, write } = runAddUser(args, null);

    // Assess
    expect(write).toBeUndefined();
    expect(error).toMatchObject({ errorType: 'ValidationError', message });
  });
});

describe('Resolver: Mutation.updateUser', () => {
  const file = 'resolvers/Mutation.updateUser.js';

  it('updates only the caller\'s record (sub from the identity), records their identity id and marks the given fields as edited (null included)', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'updateUser', { userDetails: { displayName: 'Ada L.', picture: null } }, identities.signedIn());

    // Act
    const { result, error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeUndefined();
    expect(result).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: SIGNED_IN_SUB } },
      update: {
        expression: 'SET #displayName = :displayName, #identityId = :identityId, #updatedAt = :updatedAt REMOVE #picture ADD #editedFields :editedFields',
        expressionNames: {
          '#displayName': 'displayName',
          '#picture': 'picture',
          '#identityId': 'identityId',
          '#updatedAt': 'updatedAt',
          '#editedFields': 'editedFields',
          '#id': 'id',
        },
        expressionValues: {
          ':displayName': { S: 'Ada L.' },
          ':identityId': { S: SIGNED_IN_IDENTITY_ID },
          ':updatedAt': { S: NOW_ISO },
          ':editedFields': { SS: ['displayName', 'picture'] },
        },
      },
      condition: { expression: 'attribute_exists(#id)' },
    });
  });

  it.each([
    ['a single provider', 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X:CognitoSignIn:abc-123', 'abc-123'],
    ['quoted providers in any order', '"cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X:CognitoSignIn:abc-123", "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X"', 'abc-123'],
    ['a social provider beside the user pool', 'graph.facebook.com,cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X:CognitoSignIn:abc-123', 'abc-123'],
  ])('finds the sub in %s', (_name, provider, sub) => {
    // Prepare
    const identity = { ...identities.signedIn(), cognitoIdentityAuthProvider: provider };
    const ctx = makeContext('Mutation', 'updateUser', { userDetails: {} }, identity);

    // Act
    const { result } = invoke(file, 'request', ctx);

    // Assess
    expect(result).toMatchObject({ key: { id: { S: sub } } });
  });

  it.each([
    ['a backend role', identities.backend()],
    ['a guest', identities.guest()],
    ['a provider list without a user-pool sign-in', { ...identities.signedIn(), cognitoIdentityAuthProvider: 'graph.facebook.com' }],
  ])('refuses %s as Unauthorized', (_name, identity) => {
    // Prepare
    const ctx = makeContext('Mutation', 'updateUser', { userDetails: { displayName: 'x' } }, identity);

    // Act
    const { error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe('Not Authorized to access updateUser on type Mutation');
  });

  it('tells a user whose record does not exist yet so clearly', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'updateUser', { userDetails: {} }, identities.signedIn());
    ctx.result = null;
    ctx.error = { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' };

    // Act
    const { error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'UserNotFound' });
  });

  it('resolves to the public profile only', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'updateUser', { userDetails: {} }, identities.signedIn());
    ctx.result = storedUser();

    // Act
    const { result } = invoke(file, 'response', ctx);

    // Assess
    expect(result).toEqual({ id: SIGNED_IN_SUB, displayName: 'Ada', picture: 'https://example.com/ada.png', locale: 'en-GB', updatedAt: NOW_ISO });
  });
});

describe('Resolver: Query.me', () => {
  const file = 'resolvers/Query.me.js';

  it('reads the caller\'s own record', () => {
    // Prepare
    const ctx = makeContext('Query', 'me', {}, identities.signedIn());

    // Act
    const { result } = invoke(file, 'request', ctx);

    // Assess
    expect(result).toEqual({ operation: 'GetItem', key: { id: { S: SIGNED_IN_SUB } }, consistentRead: true });
  });

  it('returns the full user, contact details included', () => {
    // Prepare
    const ctx = makeContext('Query', 'me', {}, identities.signedIn());
    ctx.result = storedUser();

    // Act
    const { result } = invoke(file, 'response', ctx);

    // Assess
    expect(result).toEqual(storedUser());
  });

  it('returns null when the record does not exist', () => {
    // Prepare
    const ctx = makeContext('Query', 'me', {}, identities.signedIn());
    ctx.result = null;

    // Act
    const { result, error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toBeUndefined();
    expect(result).toBeNull();
  });

  it('refuses a backend role as Unauthorized', () => {
    // Prepare
    const ctx = makeContext('Query', 'me', {}, identities.backend());

    // Act
    const { error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
  });
});
