// A raw AppSync real-time protocol client (ws package) for tests.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { signPost, type TestCredentials } from './signing';

export interface RealtimeMessage {
  type: string;
  id?: string;
  payload?: Record<string, unknown>;
}

const REALTIME_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

export interface ConnectOptions {
  realtimeUrl: string;
  graphqlUrl: string;
  credentials: TestCredentials;
  region: string;
  /** How the connect authorization travels. */
  via?: 'query' | 'subprotocol';
  /** Replace the signed connect headers (tamper tests). */
  mutateHeaders?: (h: Record<string, string>) => Record<string, string>;
  ca?: string;
  /** Local address to connect from (any 127.x.y.z works on Linux's loopback). */
  localAddress?: string;
  /**
   * Subprotocols offered besides the `header-` one.
   * @default ['graphql-ws']
   */
  protocols?: string[];
}

export class RealtimeTestClient {
  readonly messages: RealtimeMessage[] = [];
  private waiters: { predicate: (m: RealtimeMessage) => boolean; resolve: (m: RealtimeMessage) => void }[] = [];
  closed: Promise<{ code: number }>;

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: ConnectOptions,
  ) {
    ws.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as RealtimeMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
  }

  static async open(options: ConnectOptions): Promise<RealtimeTestClient> {
    const signed = await signPost({
      url: `${options.graphqlUrl}/connect`,
      body: '{}',
      credentials: options.credentials,
      region: options.region,
      headers: REALTIME_HEADERS,
    });
    const headers = options.mutateHeaders ? options.mutateHeaders(signed) : signed;
    const encoded = Buffer.from(JSON.stringify(headers)).toString('base64url');
    const protocols = [...(options.protocols ?? ['graphql-ws'])];
    let url = options.realtimeUrl;
    if (options.via === 'subprotocol') protocols.push(`header-${encoded}`);
    else url += `?header=${encodeURIComponent(Buffer.from(JSON.stringify(headers)).toString('base64'))}&payload=e30=`;
    const ws = new WebSocket(url, protocols, { ...(options.ca ? { ca: options.ca } : {}), ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const client = new RealtimeTestClient(ws, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /**
   * Sends messages in one socket write, so that the server reads them in one chunk and handles them
   * one after another without running anything in between (a start and its stop, concurrent starts).
   */
  sendTogether(messages: unknown[]): void {
    const socket = (this.ws as unknown as { _socket: Socket })._socket;
    socket.cork();
    for (const message of messages) this.ws.send(JSON.stringify(message));
    socket.uncork();
  }

  /** Signs a start message as {@link RealtimeTestClient.start} does, without sending it. */
  async signedStart(id: string, request: { query: string; variables?: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const data = JSON.stringify(request);
    const authorization = await signPost({ url: this.options.graphqlUrl, body: data, credentials: this.options.credentials, region: this.options.region, headers: REALTIME_HEADERS });
    return { id, type: 'start', payload: { data, extensions: { authorization } } };
  }

  next(predicate: (m: RealtimeMessage) => boolean, timeoutMs = 5000): Promise<RealtimeMessage> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for a message; got ${JSON.stringify(this.messages)}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async init(): Promise<RealtimeMessage> {
    this.send({ type: 'connection_init' });
    return this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  async start(
    id: string,
    request: { query: string; variables?: Record<string, unknown> },
    credentials: TestCredentials = this.options.credentials,
    tamperData?: (data: string) => string,
  ): Promise<RealtimeMessage> {
    const data = JSON.stringify(request);
    const authorization = await signPost({
      url: this.options.graphqlUrl,
      body: data,
      credentials,
      region: this.options.region,
      headers: REALTIME_HEADERS,
    });
    this.send({ id, type: 'start', payload: { data: tamperData ? tamperData(data) : data, extensions: { authorization } } });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
  }

  dataFor(id: string): RealtimeMessage[] {
    return this.messages.filter((m) => m.type === 'data' && m.id === id);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}
