import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh copy of a fixture under test/events, so no test sees another's changes. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return structuredClone(JSON.parse(readFileSync(path.join(__dirname, 'events', name), 'utf8')) as T);
}
