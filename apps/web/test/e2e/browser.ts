// What the browser test (and the screenshot script) need around the page: Debian Chromium driven by
// playwright-core, and a TCP proxy that cuts the page's real-time connection on demand.
import { execFileSync } from 'node:child_process';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the system's Chromium is (`which chromium`); a clear error naming the fix when it is missing. */
export function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error('Chromium is not installed: run `bash scripts/setup.sh --test` (or `apt-get install -y chromium` as root)', { cause: error });
  }
}

/**
 * Launches the system's Chromium headless. playwright-core gives every launch a fresh temporary profile
 * (user-data dir) and removes it on close; its own browser downloads are not used.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A TCP proxy on 127.0.0.1 whose connections the test cuts and lets through again. */
export interface TcpProxy {
  /** The port the proxy listens on. */
  port: number;
  /** Connections accepted and forwarded so far. */
  accepted: number;
  /** Destroys every open connection and refuses new ones (they are closed as soon as they arrive). */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy to `target` (a `host:port` URL of any scheme) on an OS-assigned port.
 *
 * @example
 * const proxy = await startTcpProxy('ws://127.0.0.1:4000/graphql/realtime');
 * proxy.cut();
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let refusing = false;
  const state = { accepted: 0 };
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    state.accepted += 1;
    const upstream = createConnection({ host: hostname, port: Number(port) });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      // A reset from either side ends the pair; the error itself is the expected outcome of a cut.
      socket.on('error', () => (socket === client ? upstream : client).destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return state.accepted;
    },
    cut() {
      refusing = true;
      destroyAll();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise<void>((done, fail) => {
        destroyAll();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}

/** Records every `data-state` the page's status element takes, from the first paint on. */
export async function recordStatusChanges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const history: string[] = [];
    (window as unknown as { statusHistory: string[] }).statusHistory = history;
    document.addEventListener('DOMContentLoaded', () => {
      const status = document.getElementById('status');
      if (!status) return;
      history.push(status.dataset.state ?? '');
      // Several changes in one task arrive as one batch: each record's new value is the next one's old value.
      new MutationObserver((records) => {
        records.forEach((_, i) => history.push(i + 1 < records.length ? (records[i + 1]?.oldValue ?? '') : (status.dataset.state ?? '')));
      }).observe(status, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
    });
  });
}

/** The `data-state` values recorded by {@link recordStatusChanges}, in order. */
export function statusHistory(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { statusHistory: string[] }).statusHistory]);
}

/** Signs in through the page's form and waits for the live connection. */
export async function signInThroughPage(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#sign-in-form button[type="submit"]');
  await page.waitForSelector('#status[data-state="connected"]');
}
