import { parseWebConfig } from '../src/config';
import { WebConfigError, WebError } from '../src/errors';
import { uploadKey } from '../src/upload';

describe('Function: parseWebConfig', () => {
  const valid = {
    region: 'eu-west-1',
    graphqlUrl: 'http://127.0.0.1:4000/graphql',
    userPoolId: 'local_abc',
    userPoolClientId: 'client',
    identityPoolId: 'eu-west-1:pool',
    uploadsBucket: 'uploads',
    s3Endpoint: 'http://127.0.0.1:5000',
  };

  it('accepts a complete configuration and drops unknown fields', () => {
    // Act
    const config = parseWebConfig({ ...valid, extra: 'ignored' });

    // Assess
    expect(config).toEqual(valid);
  });

  it('names every missing or malformed field', () => {
    // Act
    const error = (() => {
      try {
        parseWebConfig({ ...valid, graphqlUrl: 'not a url', userPoolId: '', s3Endpoint: 3 });
      } catch (e) {
        return e;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(WebConfigError);
    expect(error).toBeInstanceOf(WebError);
    expect((error as Error).message).toBe('notifier-config.json is invalid: userPoolId: required string; s3Endpoint: must be a string; graphqlUrl: not a URL');
    expect(() => parseWebConfig(null)).toThrow('notifier-config.json must be a JSON object');
  });
});

describe('Function: uploadKey', () => {
  it('puts uploads in the user’s private folder with a time prefix and a safe name', () => {
    // Act + Assess
    expect(uploadKey('eu-west-1:abc', 'My photo.png', new Date('2026-11-27T10:15:29.123Z'))).toBe('private/eu-west-1:abc/20261127T101529Z-My photo.png');
    expect(uploadKey('eu-west-1:abc', '../../etc/passwd', new Date(0))).toBe('private/eu-west-1:abc/19700101T000000Z-.._.._etc_passwd');
  });
});
