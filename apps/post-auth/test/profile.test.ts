import { parse } from '@notifier/lambda-kit';
import { PostAuthenticationEventSchema } from '../src/event';
import { displayNameOf, toAddUserVariables } from '../src/profile';
import full from './events/cognito/post-authentication.json';
import minimal from './events/cognito/post-authentication-minimal.json';

const SUB = '6b1f5a3e-7c0d-4f2a-9d7e-2f1c3b4a5d6e';

describe('Function: displayNameOf', () => {
  it.each([
    [{ sub: SUB, name: ' Ada Lovelace ', preferred_username: 'ada_l' }, 'ada', 'Ada Lovelace'],
    [{ sub: SUB, name: '  ', preferred_username: 'ada_l' }, 'ada', 'ada_l'],
    [{ sub: SUB, given_name: 'Ada', family_name: 'Lovelace' }, 'ada', 'Ada Lovelace'],
    [{ sub: SUB, given_name: 'Ada' }, 'ada', 'Ada'],
    [{ sub: SUB, family_name: 'Lovelace' }, 'ada', 'Lovelace'],
    [{ sub: SUB }, 'ada', 'ada'],
    [{ sub: SUB }, SUB, null],
    [{ sub: SUB }, 'ada@example.com', null],
  ])('picks the display name of %j signed in as %s', (attributes, userName, expected) => {
    // Act & Assess
    expect(displayNameOf(attributes, userName)).toBe(expected);
  });
});

describe('Function: toAddUserVariables', () => {
  it('takes the user id from sub and the profile from the user attributes', () => {
    // Prepare
    const event = parse(PostAuthenticationEventSchema, structuredClone(full), 'event');

    // Act
    const result = toAddUserVariables(event);

    // Assess
    expect(result).toEqual({
      variables: {
        userId: SUB,
        userDetails: {
          displayName: 'Ada Lovelace',
          picture: 'https://cdn.example.com/avatars/ada.png',
          locale: 'en-GB',
          email: 'ada@example.com',
          phoneNumber: '+447700900123',
        },
      },
      dropped: [],
    });
  });

  it('sends null for every attribute the pool does not have, so removed values are cleared', () => {
    // Prepare
    const event = parse(PostAuthenticationEventSchema, structuredClone(minimal), 'event');

    // Act
    const { variables } = toAddUserVariables(event);

    // Assess
    expect(variables.userDetails).toEqual({ displayName: null, picture: null, locale: null, email: 'ada@example.com', phoneNumber: null });
  });

  it('drops values AppSync would reject and names them', () => {
    // Prepare
    const raw = structuredClone(full);
    raw.request.userAttributes.picture = 'avatars/ada.png';
    raw.request.userAttributes.email = 'not-an-email';
    raw.request.userAttributes.phone_number = '07700 900123';
    const event = parse(PostAuthenticationEventSchema, raw, 'event');

    // Act
    const { variables, dropped } = toAddUserVariables(event);

    // Assess
    expect(dropped).toEqual(['picture', 'email', 'phone_number']);
    expect(variables.userDetails).toMatchObject({ picture: null, email: null, phoneNumber: null, displayName: 'Ada Lovelace' });
  });

  it('ignores the client metadata and any id-like attribute other than sub', () => {
    // Prepare
    const raw = structuredClone(full) as typeof full & { request: { clientMetadata?: Record<string, string> } };
    raw.request.clientMetadata = { userId: 'someone-else' };
    (raw.request.userAttributes as Record<string, string>)['custom:userId'] = 'someone-else';
    const event = parse(PostAuthenticationEventSchema, raw, 'event');

    // Act
    const { variables } = toAddUserVariables(event);

    // Assess
    expect(variables.userId).toBe(SUB);
  });
});
