import { UnauthorizedError } from '@notifier/appsync-utils';
import { identities, invoke, makeContext, SIGNED_IN_IDENTITY_ID } from '../helpers/appsync';


const file = (field: string) => `resolvers/Subscription.${field}.js`;

describe('Resolver: Subscription.*', () => {
  it.each(['onImageTagged', 'onTranscriptReady', 'onNotification', 'onDatasetRefreshed', 'onModelReady', 'userUpdates'])(
    '%s hands the NONE data source a null payload',
    (field) => {
      // Prepare
      const ctx = makeContext('Subscription', field, {}, identities.signedIn());

      // Act
      const { result } = invoke(file(field), 'request', ctx);

      // Assess
      expect(result).toEqual({ payload: null });
    },
  );

  it.each(['onImageTagged', 'onTranscriptReady'])('%s delivers only the subscriber\'s own notifications', (field) => {
    // Prepare
    const ctx = makeContext('Subscription', field, {}, identities.signedIn());

    // Act
    const { result, state } = invoke(file(field), 'response', ctx);

    // Assess
    expect(result).toBeNull();
    expect(state.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'ownerId', operator: 'eq', value: SIGNED_IN_IDENTITY_ID }] }],
    });
  });

  it('onNotification delivers the subscriber\'s own notifications or any broadcast', () => {
    // Prepare
    const ctx = makeContext('Subscription', 'onNotification', {}, identities.signedIn());

    // Act
    const { state } = invoke(file('onNotification'), 'response', ctx);

    // Assess
    expect(state.subscriptionFilter).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'ownerId', operator: 'eq', value: SIGNED_IN_IDENTITY_ID }] },
        { filters: [{ fieldName: 'audience', operator: 'eq', value: 'BROADCAST' }] },
      ],
    });
  });

  it.each([
    ['onImageTagged', 'backend role', identities.backend()],
    ['onTranscriptReady', 'guest', identities.guest()],
    ['onNotification', 'backend role', identities.backend()],
  ])('%s refuses a %s as Unauthorized', (field, _name, identity) => {
    // Prepare
    const ctx = makeContext('Subscription', field, {}, identity);

    // Act
    const { error } = invoke(file(field), 'request', ctx);

    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe(`Not Authorized to access ${field} on type Subscription`);
  });

  it.each(['onDatasetRefreshed', 'onModelReady'])('%s lets any caller IAM admits receive every event', (field) => {
    // Prepare
    const ctx = makeContext('Subscription', field, {}, identities.backend());

    // Act
    const request = invoke(file(field), 'request', ctx);
    const response = invoke(file(field), 'response', ctx);

    // Assess
    expect(request.error).toBeUndefined();
    expect(response.error).toBeUndefined();
    expect(response.state.subscriptionFilter).toBeNull();
  });

  it('userUpdates filters on the id when one is given, and on nothing otherwise', () => {
    // Prepare
    const one = makeContext('Subscription', 'userUpdates', { id: 'user-1' }, identities.signedIn());
    const all = makeContext('Subscription', 'userUpdates', {}, identities.signedIn());

    // Act
    const filtered = invoke(file('userUpdates'), 'response', one);
    const unfiltered = invoke(file('userUpdates'), 'response', all);

    // Assess
    expect(filtered.state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'user-1' }] }] });
    expect(unfiltered.state.subscriptionFilter).toBeNull();
  });
});
