import type { TranscriptionJob } from '@aws-sdk/client-transcribe';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh copy of a fixture under test/events, so no test sees another's changes. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return structuredClone(JSON.parse(readFileSync(path.join(__dirname, 'events', name), 'utf8')) as T);
}

/** A GetTranscriptionJob response fixture as the SDK returns it (timestamps as Date). */
export function loadJob(name: string): { TranscriptionJob: TranscriptionJob } {
  const raw = loadEvent<{ TranscriptionJob: Record<string, unknown> }>(name);
  for (const field of ['StartTime', 'CreationTime', 'CompletionTime']) {
    if (typeof raw.TranscriptionJob[field] === 'string') raw.TranscriptionJob[field] = new Date(raw.TranscriptionJob[field] as string);
  }
  return raw as unknown as { TranscriptionJob: TranscriptionJob };
}

/** A GetObject body as the SDK returns it, reduced to what the code reads. */
export function textBody(text: string) {
  return {
    transformToString: async () => text,
    transformToWebStream: () => new ReadableStream(),
  } as never;
}

/** An AWS SDK service error with the given name and HTTP status. */
export function serviceError(name: string, status = 400, message = `${name} raised`): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

/** Collects log lines of a fake logger. */
export function fakeLogger() {
  const lines: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
  const log = (level: string) => (message: string, extra?: unknown) => {
    lines.push({ level, message, extra: (extra ?? {}) as Record<string, unknown> });
  };
  return { lines, logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') } as never };
}
