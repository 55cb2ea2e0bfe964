import { NOTIFICATION_RETENTION_SECONDS } from '../../src/constants';
import { identities, invoke, javaInstantText, makeContext, SIGNED_IN_SUB } from '../helpers/appsync';

// AppSync documents util.time.nowISO8601 and epochMilliSecondsToISO8601 only as "ISO 8601"; a Java
// formatter prints a whole second without `.000`. Stored timestamps, sortKeys and cursors must keep
// exactly YYYY-MM-DDTHH:mm:ss.SSSZ whatever those helpers print: these runs make them print that way.
const WHOLE_SECOND = Date.parse('2026-11-27T14:05:09.000Z');
const run = { now: WHOLE_SECOND, iso8601: 'java-instant' as const };

describe('Module: stored timestamps', () => {
  it('runs with ISO 8601 helpers that drop a zero fraction', () => {
    // Act
    const text = javaInstantText(WHOLE_SECOND);

    // Assess
    expect(text).toBe('2026-11-27T14:05:09Z');
  });

  it('writes createdAt and sortKey of a notification with milliseconds at a whole second', () => {
    // Prepare
    const input = { idempotencyKey: 'm', modelName: 'churn', version: '3', artifactLocation: 's3://m', metrics: [] };
    const ctx = makeContext('Mutation', 'notifyModelReady', { input }, identities.backend());

    // Act
    const { result, error } = invoke('resolvers/Mutation.notifyModelReady.js', 'request', ctx, run);

    // Assess
    expect(error).toBeUndefined();
    const item = (result as { attributeValues: Record<string, { S?: string }> }).attributeValues;
    expect(item.createdAt).toEqual({ S: '2026-11-27T14:05:09.000Z' });
    expect(item.sortKey?.S).toMatch(/^2026-11-27T14:05:09\.000Z#/);
  });

  it('starts the feed at a retention bound with milliseconds', () => {
    // Prepare
    const ctx = makeContext('Query', 'notifications', {}, identities.signedIn());
    invoke('resolvers/Query.notifications.js', 'request', ctx, run);

    // Act
    const { result } = invoke('functions/queryOwnerFeed.js', 'request', ctx, run);

    // Assess
    const from = new Date(WHOLE_SECOND - NOTIFICATION_RETENTION_SECONDS * 1000).toISOString();
    expect(result).toMatchObject({ query: { expressionValues: { ':from': { S: from } } } });
    expect(from).toMatch(/\.000Z$/);
  });

  it('writes updatedAt of a user with milliseconds at a whole second', () => {
    // Prepare
    const update = makeContext('Mutation', 'updateUser', { userDetails: { locale: 'fr-FR' } }, identities.signedIn());
    const signIn = makeContext('Mutation', 'addUser', { userId: SIGNED_IN_SUB, userDetails: { displayName: 'Ada' } }, identities.backend());
    signIn.stash = { userId: SIGNED_IN_SUB, pool: { displayName: 'Ada', picture: null, locale: null, email: null, phoneNumber: null }, storedUser: null };

    // Act
    const edited = invoke('resolvers/Mutation.updateUser.js', 'request', update, run);
    const written = invoke('functions/writePoolProfile.js', 'request', signIn, run);

    // Assess
    for (const { result } of [edited, written]) {
      expect(result).toMatchObject({ update: { expressionValues: { ':updatedAt': { S: '2026-11-27T14:05:09.000Z' } } } });
    }
  });
});
