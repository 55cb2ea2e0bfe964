import { decodeS3Key, S3KeyDecodeError, s3Uri } from '../src';

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
