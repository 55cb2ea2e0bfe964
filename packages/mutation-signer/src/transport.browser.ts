// Selected by the `browser` condition of the `#transport` import: the runtime's own fetch.
import type { FetchFunction } from './types';

/** The transport of clients created without a `fetch` option: `globalThis.fetch` when there is one. */
export const defaultFetch: FetchFunction | undefined =
  typeof globalThis.fetch === 'function' ? (input, init) => globalThis.fetch(input, init) : undefined;
