import * as z from 'zod/mini';

/**
 * One segment of an idempotency key `<a>#<b>` that is also a folder of an S3 key `<prefix>/<a>/<b>/...` (a dataset
 * and its version, a model and its version): non-empty, no `/` (the same thing named by an S3 key and by an event
 * must give the same key), no `#` (the key's separator), no surrounding white space.
 *
 * @example
 * ```ts
 * parse(KeySegmentSchema, 'sales', 'dataset'); // 'sales'
 * parse(KeySegmentSchema, 'a#b', 'dataset'); // throws ValidationError: (root): must not contain "/" or "#"
 * ```
 */
export const KeySegmentSchema = z.string().check(
  z.minLength(1),
  z.refine((v) => !v.includes('/') && !v.includes('#'), 'must not contain "/" or "#"'),
  z.refine((v) => v.trim() === v, 'must not start or end with white space'),
);
