import { parse, ValidationError } from '@notifier/lambda-kit';
import type { DatasetRefreshedInput } from '@notifier/schema';
import { ManifestError } from './errors';
import { ManifestSchema, SegmentSchema, type Manifest } from './events';

/** File names that announce a completed load, under `<dataset>/<version>/`. */
export const SUCCESS_MARKER = '_SUCCESS';
export const MANIFEST = 'manifest.json';

/** What an S3 object key means to this function. */
export type KeyMeaning =
  | { kind: 'marker'; dataset: string; version: string }
  | { kind: 'manifest'; dataset: string; version: string }
  | { kind: 'ignored'; reason: string };

/**
 * Reads an object key (verbatim, as EventBridge carries it): `<dataset>/<version>/_SUCCESS` or
 * `<dataset>/<version>/manifest.json` announce a load; any other file name is not an announcement
 * (`ignored`, e.g. the data files themselves). An announcement at any other depth is an error.
 *
 * @throws {@link ValidationError} for an announcement file outside `<dataset>/<version>/`.
 * @example
 * ```ts
 * meaningOfKey('sales/2026-11-27/_SUCCESS'); // { kind: 'marker', dataset: 'sales', version: '2026-11-27' }
 * ```
 */
export function meaningOfKey(key: string): KeyMeaning {
  const segments = key.split('/');
  const file = segments.at(-1);
  if (file !== SUCCESS_MARKER && file !== MANIFEST) {
    return { kind: 'ignored', reason: `not an announcement: ${SUCCESS_MARKER} or ${MANIFEST} expected, got ${JSON.stringify(file)}` };
  }
  if (segments.length !== 3) {
    throw new ValidationError(`object key ${JSON.stringify(key)}`, [
      { path: 'detail.object.key', message: `expected <dataset>/<version>/${file}, got ${segments.length - 1} folder level(s)` },
    ]);
  }
  const [dataset, version] = segments as [string, string, string];
  parse(SegmentSchema, dataset, `dataset ${JSON.stringify(dataset)} of object key ${JSON.stringify(key)}`);
  parse(SegmentSchema, version, `version ${JSON.stringify(version)} of object key ${JSON.stringify(key)}`);
  return { kind: file === SUCCESS_MARKER ? 'marker' : 'manifest', dataset, version };
}

/**
 * Parses the text of a `manifest.json` (`recordCount` required, `completedAt` optional).
 *
 * @throws {@link ManifestError} naming the manifest and what is wrong with it.
 * @example
 * ```ts
 * parseManifest('{"recordCount": 1200}', 's3://data/sales/7/manifest.json'); // { recordCount: 1200 }
 * ```
 */
export function parseManifest(text: string, location: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(location, `is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return parse(ManifestSchema, json, 'content');
  } catch (error) {
    throw new ManifestError(location, `is invalid: ${(error as ValidationError).problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      cause: error,
    });
  }
}

/** A completed load, however it was announced. */
export interface CompletedLoad {
  dataset: string;
  version: string;
  /** Unknown (null) when only a `_SUCCESS` marker announced it. */
  recordCount: number | null;
  /** ISO 8601 date-time. */
  completedAt: string;
}

/**
 * The `notifyDatasetRefreshed` input of a completed load. The idempotency key is `dataset#version`, the
 * same on every announcement path, so one load announced several ways notifies once.
 *
 * @example
 * ```ts
 * toDatasetRefreshedInput({ dataset: 'sales', version: '7', recordCount: null, completedAt });
 * // { idempotencyKey: 'sales#7', dataset: 'sales', version: '7', recordCount: null, completedAt }
 * ```
 */
export function toDatasetRefreshedInput(load: CompletedLoad): DatasetRefreshedInput {
  return {
    idempotencyKey: `${load.dataset}#${load.version}`,
    dataset: load.dataset,
    version: load.version,
    recordCount: load.recordCount,
    completedAt: load.completedAt,
  };
}

