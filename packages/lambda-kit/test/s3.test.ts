import { decodeS3Key, isS3NotFound, S3KeyDecodeError, s3Uri, unquoteEtag } from '../src';

describe('Function: decodeS3Key', () => {
  it.each([
    ['red+flower.jpg', 'red flower.jpg'],
    ['c%2B%2B+notes.txt', 'c++ notes.txt'],
    ['sales%2F2024/_SUCCESS', 'sales/2024/_SUCCESS'],
    ['%C3%A9t%C3%A9%3A1.csv', 'été:1.csv'],
    ['plain/key.json', 'plain/key.json'],
  ])('decodes %s to %s', (encoded, decoded) => {
    // Act & Assess
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it('throws an S3KeyDecodeError for a broken escape', () => {
    // Act
    const run = (): unknown => decodeS3Key('bad%E0%A4%A.txt');

    // Assess
    expect(run).toThrow(S3KeyDecodeError);
    expect(run).toThrow('S3 object key "bad%E0%A4%A.txt" is not valid URL encoding');
  });
});

describe('Function: s3Uri', () => {
  it('joins bucket and key', () => {
    // Act & Assess
    expect(s3Uri('models', 'models/churn/3/')).toBe('s3://models/models/churn/3/');
  });
});

describe('Function: unquoteEtag', () => {
  it('removes the quotes S3 puts around an ETag and leaves a bare one as it is', () => {
    // Act & Assess
    expect(unquoteEtag('"4e68adba0abe2dc8653dc3354e14c01d"')).toBe('4e68adba0abe2dc8653dc3354e14c01d');
    expect(unquoteEtag('4af981f98d22a0b9979da24b259e5e42-2')).toBe('4af981f98d22a0b9979da24b259e5e42-2');
    expect(unquoteEtag(undefined)).toBeUndefined();
  });
});

describe('Function: isS3NotFound', () => {
  it('recognises HeadObject NotFound, GetObject NoSuchKey and any 404', () => {
    // Prepare
    const error = (name: string, status: number): Error => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

    // Act & Assess
    expect(isS3NotFound(error('NotFound', 404))).toBe(true);
    expect(isS3NotFound(error('NoSuchKey', 404))).toBe(true);
    expect(isS3NotFound(error('Unknown', 404))).toBe(true);
    expect(isS3NotFound(error('AccessDenied', 403))).toBe(false);
    expect(isS3NotFound('NotFound')).toBe(false);
  });
});
