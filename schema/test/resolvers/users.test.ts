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

describe('Resolver: Mutation.addUser', () => {
  const file = 'resolvers/Mutation.addUser.js';

  it('writes only when the user is new or a field differs, keeping createdAt', () => {
    // Prepare
    const ctx = makeContext(
      'Mutation',
      'addUser',
      { userId: SIGNED_IN_SUB, userDetails: { displayName: 'Ada', email: 'ada@example.com', locale: null } },
      identities.backend(),
    );

    // Act
    const { result, error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeUndefined();
    expect(result).toEqual({
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
      condition: {
        expression:
          'attribute_not_exists(#id) OR (attribute_not_exists(#displayName) OR #displayName <> :displayName) OR attribute_exists(#picture) OR attribute_exists(#locale) OR (attribute_not_exists(#email) OR #email <> :email) OR attribute_exists(#phoneNumber)',
      },
    });
  });

  it('resolves to the public profile only', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'addUser', { userId: SIGNED_IN_SUB, userDetails: {} }, identities.backend());
    ctx.result = storedUser();

    // Act
    const { result } = invoke(file, 'response', ctx);

    // Assess
    expect(result).toEqual({ id: SIGNED_IN_SUB, displayName: 'Ada', picture: 'https://example.com/ada.png', locale: 'en-GB', updatedAt: NOW_ISO });
  });

  it('resolves an unchanged profile to null with DuplicateNotification, so nothing is published', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'addUser', { userId: SIGNED_IN_SUB, userDetails: {} }, identities.backend());
    ctx.result = null;
    ctx.error = { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' };

    // Act
    const { error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toMatchObject({ errorType: 'DuplicateNotification' });
  });

  it.each([
    [{ userId: '', userDetails: {} }, 'userId must be a non-empty string'],
    [{ userId: SIGNED_IN_SUB, userDetails: { email: '' } }, 'userDetails.email must be a non-empty string'],
  ])('refuses invalid input (case %#)', (args, message) => {
    // Prepare
    const ctx = makeContext('Mutation', 'addUser', args, identities.backend());

    // Act
    const { error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toMatchObject({ errorType: 'ValidationError', message });
  });
});

describe('Resolver: Mutation.updateUser', () => {
  const file = 'resolvers/Mutation.updateUser.js';

  it('updates only the caller\'s record (sub from the identity) and records their identity id', () => {
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
        expression: 'SET #displayName = :displayName, #identityId = :identityId, #updatedAt = :updatedAt REMOVE #picture',
        expressionNames: { '#displayName': 'displayName', '#picture': 'picture', '#identityId': 'identityId', '#updatedAt': 'updatedAt', '#id': 'id' },
        expressionValues: { ':displayName': { S: 'Ada L.' }, ':identityId': { S: SIGNED_IN_IDENTITY_ID }, ':updatedAt': { S: NOW_ISO } },
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
