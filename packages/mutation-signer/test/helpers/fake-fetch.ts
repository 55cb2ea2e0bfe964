// A scripted `fetch` for unit tests: each call runs the next step (respond, fail, or hang until aborted)
// and is recorded with the headers and body bytes the client sent.

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal | undefined;
}

export type FetchStep = (call: RecordedCall) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  calls: RecordedCall[];
}

/** JSON response helper. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): FetchStep => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Raw text response helper. */
export const text = (status: number, body: string, headers: Record<string, string> = {}): FetchStep => () =>
  new Response(body, { status, headers });

/** Rejects like undici does when the connection fails. */
export const networkError = (code = 'ECONNRESET'): FetchStep => () => {
  const cause = Object.assign(new Error(`read ${code}`), { code });
  throw new TypeError('fetch failed', { cause });
};

/** Never answers; rejects with the signal's reason when the client aborts (as fetch does). */
export const hang: FetchStep = (call) =>
  new Promise<Response>((_resolve, reject) => {
    if (call.signal?.aborted) reject(call.signal.reason);
    call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true });
  });

/** Builds a fetch that plays `steps` in order; the last step repeats. */
export const fakeFetch = (...steps: FetchStep[]): FakeFetch => {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init?.body instanceof Uint8Array ? new TextDecoder().decode(init.body) : String(init?.body ?? '');
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (!step) throw new Error('fakeFetch: no steps');
    return step(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
};
