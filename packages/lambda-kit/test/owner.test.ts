import { ownerOf } from '../src';

describe('Function: ownerOf', () => {
  it.each([
    ['private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/photos/cat.jpg', 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b'],
    ['private/us-east-1:11111111-2222-4333-8444-555555555555/a b+c.mp4', 'us-east-1:11111111-2222-4333-8444-555555555555'],
  ])('names the identity id of %s', (key, owner) => {
    // Act & Assess
    expect(ownerOf(key)).toBe(owner);
  });

  it.each([
    ['public/banner.png'],
    ['private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/'],
    ['private/eu-west-1:7d2f1c3a/'],
    ['private/not-an-identity/photo.jpg'],
    // Still encoded: the caller must give the key as stored.
    ['private/eu-west-1%3A7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/photo.jpg'],
    ['protected/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/photo.jpg'],
  ])('finds no owner for %s', (key) => {
    // Act & Assess
    expect(ownerOf(key)).toBeUndefined();
  });
});
