import * as z from 'zod/mini';
import { parse, S3ObjectCreatedEventSchema, ValidationError } from '../src';
import fixture from './events/eventbridge/s3-object-created.json';

describe('Function: parse', () => {
  it('returns the parsed value of a real S3 Object Created EventBridge event', () => {
    // Prepare
    const event = structuredClone(fixture);

    // Act
    const parsed = parse(S3ObjectCreatedEventSchema, event, 'EventBridge event');

    // Assess
    expect(parsed.detail.object.key).toBe('IMG_m7fzo3.jpg');
    expect(parsed.detail.bucket.name).toBe('example-bucket');
    expect(parsed.id).toBe('f5f1e65c-dc3a-93ca-6c1e-b1647eac7963');
  });

  it('names every problem with its path and what is wrong', () => {
    // Prepare
    const event = structuredClone(fixture) as Record<string, unknown> & { detail: { object: Record<string, unknown> } };
    delete event.detail.object.key;
    event['detail-type'] = 'Object Deleted';

    // Act
    const error = (() => {
      try {
        parse(S3ObjectCreatedEventSchema, event, 'EventBridge event');
      } catch (e) {
        return e;
      }
    })() as ValidationError;

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([
      { path: 'detail-type', message: 'expected "Object Created", received "Object Deleted"' },
      { path: 'detail.object.key', message: 'expected string, received undefined' },
    ]);
    expect(error.message).toBe(
      'EventBridge event is invalid: detail-type: expected "Object Created", received "Object Deleted"; detail.object.key: expected string, received undefined',
    );
  });

  it('describes a value that is not an object at the root', () => {
    // Act
    const run = (): unknown => parse(S3ObjectCreatedEventSchema, 'hello', 'event');

    // Assess
    expect(run).toThrow('event is invalid: (root): expected object, received string');
  });

  it('reports formats, bounds and custom refinements', () => {
    // Prepare
    const schema = z.object({
      at: z.iso.datetime(),
      n: z.number().check(z.minimum(0)),
      name: z.string().check(z.minLength(1)),
      even: z.number().check(z.refine((v) => v % 2 === 0, 'must be even')),
    });

    // Act
    const error = (() => {
      try {
        parse(schema, { at: 'yesterday', n: -1, name: '', even: 3 }, 'input');
      } catch (e) {
        return e as ValidationError;
      }
    })();

    // Assess
    expect(error?.problems).toEqual([
      { path: 'at', message: expect.stringMatching(/^expected datetime format.*received "yesterday"$/) },
      { path: 'n', message: 'expected value >= 0' },
      { path: 'name', message: 'expected length >= 1' },
      { path: 'even', message: 'must be even' },
    ]);
  });
});
