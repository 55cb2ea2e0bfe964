import { compileEventPattern } from '../src/event-pattern';
import { LocalStackError } from '../src/errors';
import s3ObjectCreated from './events/eventbridge/s3-object-created.json';

describe('Function: compileEventPattern', () => {
  const event = () => structuredClone(s3ObjectCreated);

  it('matches the S3 Object Created pattern CDK writes for a bucket and key prefix', () => {
    // Prepare
    const matches = compileEventPattern({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['example-bucket'] }, object: { key: [{ prefix: 'private/' }] } },
    });

    // Act + Assess
    expect(matches(event())).toBe(true);
    const other = event();
    other.detail.bucket.name = 'another-bucket';
    expect(matches(other)).toBe(false);
  });

  it('matches suffixes, including case-insensitive ones, and any of several rules', () => {
    // Prepare
    const pngOrJpg = compileEventPattern({
      detail: { object: { key: [{ suffix: '.jpg' }, { suffix: { 'equals-ignore-case': '.PNG' } }] } },
    });
    const jpgOnly = compileEventPattern({ detail: { object: { key: [{ suffix: '.jpg' }] } } });

    // Act + Assess
    expect(pngOrJpg(event())).toBe(true);
    expect(jpgOnly(event())).toBe(false);
  });

  it('matches a suffix in any case with equals-ignore-case, as the deployed upload rules do', () => {
    // Prepare
    const images = compileEventPattern({
      detail: { object: { key: [{ suffix: { 'equals-ignore-case': '.jpg' } }, { suffix: { 'equals-ignore-case': '.PNG' } }] } },
    });
    const withKey = (key: unknown) => {
      const e = event() as { detail: { object: { key: unknown } } };
      e.detail.object.key = key;
      return e;
    };

    // Act + Assess
    for (const key of ['private/x/IMG.Jpg', 'private/x/a.JPG', 'private/x/a.jpg', 'private/x/b.pNg', 'private/x/b.png']) {
      expect([key, images(withKey(key))]).toEqual([key, true]);
    }
    for (const key of ['private/x/a.jpg.txt', 'private/x/a.jpeg', 'private/x/ajpg', 'private/x/a.mp4', 42, null]) {
      expect([key, images(withKey(key))]).toEqual([key, false]);
    }
  });

  it('matches a prefix in any case with equals-ignore-case', () => {
    // Prepare
    const matches = compileEventPattern({ detail: { object: { key: [{ prefix: { 'equals-ignore-case': 'PRIVATE/' } }] } } });
    const other = event();
    other.detail.object.key = 'public/a.png';

    // Act + Assess
    expect(matches(event())).toBe(true);
    expect(matches(other)).toBe(false);
  });

  it.each([
    [{ suffix: { 'equals-ignore-case': 5 } }],
    [{ suffix: { 'equals-ignore-case': '.jpg', extra: true } }],
    [{ suffix: { 'ignore-case': '.jpg' } }],
    [{ suffix: {} }],
    [{ prefix: { 'equals-ignore-case': ['private/'] } }],
  ])('refuses the affix operand %j instead of guessing', (rule) => {
    // Act + Assess
    expect(() => compileEventPattern({ detail: { key: [rule] } })).toThrow(LocalStackError);
    expect(() => compileEventPattern({ detail: { key: [rule] } })).toThrow(/at \$\.detail\.key\[0\] must be a string or \{ "equals-ignore-case": string \}/);
  });

  it('treats a missing field as a mismatch unless the rule asks for absence', () => {
    // Prepare
    const needsVersion = compileEventPattern({ detail: { object: { 'version-id': [{ exists: true }] } } });
    const needsNoVersion = compileEventPattern({ detail: { object: { 'version-id': [{ exists: false }] } } });
    const unversioned = event() as { detail: { object: Record<string, unknown> } };
    delete unversioned.detail.object['version-id'];

    // Act + Assess
    expect(needsVersion(event())).toBe(true);
    expect(needsVersion(unversioned)).toBe(false);
    expect(needsNoVersion(unversioned)).toBe(true);
    expect(needsNoVersion(event())).toBe(false);
  });

  it('evaluates anything-but, numeric ranges, wildcards and $or', () => {
    // Prepare
    const notDelete = compileEventPattern({ detail: { reason: [{ 'anything-but': ['DeleteObject', 'CopyObject'] }] } });
    const small = compileEventPattern({ detail: { object: { size: [{ numeric: ['>', 0, '<=', 10] }] } } });
    const wildcard = compileEventPattern({ detail: { object: { key: [{ wildcard: 'private/*/*.png' }] } } });
    const either = compileEventPattern({
      $or: [{ source: ['notifier.bulk-load'] }, { detail: { object: { key: [{ suffix: '.png' }] } } }],
    });
    const big = event();
    big.detail.object.size = 11;

    // Act + Assess
    expect(notDelete(event())).toBe(true);
    expect(small(event())).toBe(true);
    expect(small(big)).toBe(false);
    expect(wildcard(event())).toBe(true);
    expect(either(event())).toBe(true);
  });

  it('matches an array-valued event field when any element matches', () => {
    // Prepare
    const matches = compileEventPattern({ resources: ['arn:aws:s3:::example-bucket'] });

    // Act + Assess
    expect(matches(event())).toBe(true);
  });

  it('matches the source IP against a CIDR block', () => {
    // Prepare
    const inside = compileEventPattern({ detail: { 'source-ip-address': [{ cidr: '1.2.3.0/24' }] } });
    const outside = compileEventPattern({ detail: { 'source-ip-address': [{ cidr: '10.0.0.0/8' }] } });

    // Act + Assess
    expect(inside(event())).toBe(true);
    expect(outside(event())).toBe(false);
  });

  it('rejects an unknown operator instead of matching silently', () => {
    // Act + Assess
    expect(() => compileEventPattern({ detail: { key: [{ regex: '.*' }] } })).toThrow(LocalStackError);
    expect(() => compileEventPattern({ detail: { key: [{ regex: '.*' }] } })).toThrow(/"regex" at \$\.detail\.key\[0\] is not supported/);
    expect(() => compileEventPattern({ source: 'aws.s3' })).toThrow(/must be an array of rules/);
  });
});
