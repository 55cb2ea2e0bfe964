import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { makeMp4Header, makePng, serveWebPage, startLocalStack, webConfigFor, type LocalStack, type WebServer } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyDatasetRefreshedDocument, NotifyImageTaggedDocument } from '@notifier/schema';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, recordStatusChanges, signInThroughPage, startTcpProxy, statusHistory, type TcpProxy } from './browser';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The local stack and Chromium start in beforeAll; a whole run takes seconds, the margin is for loaded machines.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../../../..');
const ADA = { email: 'ada@example.com', password: 'Ada-Password-1!', name: 'Ada Lovelace' };
const BEA = { email: 'bea@example.com', password: 'Bea-Password-1!', name: 'Bea Beaumont' };
// Long enough for a notification that was going to arrive to have arrived (deliveries take milliseconds here).
const SETTLE_MS = 1_500;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('Web page in Chromium against the local stack', () => {
  let stack: LocalStack;
  let proxy: TcpProxy;
  let web: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ada: Page;
  let bea: Page;
  const pageErrors: string[] = [];
  let imageCardId: string | undefined;
  let broadcasts = 0;

  /** Sends a dataset refresh as the bulk-load-notice function does, with that function's credentials. */
  const broadcast = async (): Promise<string> => {
    broadcasts += 1;
    const client = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: stack.functionCredentials.get('bulk-load-notice')! });
    const result = await client.mutate(NotifyDatasetRefreshedDocument, {
      input: { idempotencyKey: `e2e#${broadcasts}`, dataset: 'sales', version: `v${broadcasts}`, recordCount: 1200 * broadcasts, completedAt: new Date().toISOString() },
    });
    const id = result.data?.notifyDatasetRefreshed?.id;
    if (result.outcome !== 'delivered' || !id) throw new Error(`the dataset refresh was not delivered: ${JSON.stringify(result)}`);
    return id;
  };

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await recordStatusChanges(page);
    return page;
  };

  beforeAll(async () => {
    stack = await startLocalStack({ assemblyDir: resolve(ROOT, 'infra/cdk.out') });
    // The page reaches the real-time endpoint through a proxy the test controls; everything else goes direct.
    proxy = await startTcpProxy(stack.appsync.realtimeUrl);
    const realtime = new URL(stack.appsync.realtimeUrl);
    realtime.port = String(proxy.port);
    web = await serveWebPage(resolve(__dirname, '../../dist'), { ...webConfigFor(stack), realtimeUrl: realtime.toString() });
    await stack.createUser(ADA.email, ADA.password, { name: ADA.name });
    await stack.createUser(BEA.email, BEA.password, { name: BEA.name });
    browser = await launchChromium();
    ada = await newPage();
    bea = await newPage();
    await signInThroughPage(ada, web.url, ADA.email, ADA.password);
    await signInThroughPage(bea, web.url, BEA.email, BEA.password);
    // Both feeds are live (subscriptions started, not only connected) once a broadcast reaches both.
    const first = await broadcast();
    await Promise.all([ada, bea].map((page) => page.waitForSelector(`#feed li[data-id="${first}"]`)));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await web?.stop();
    await proxy?.close();
    await stack?.stop();
  });

  it('shows the labels of an uploaded image in the uploader’s live feed', async () => {
    // Prepare
    const png = makePng(32, 32, () => [220, 20, 30]);

    // Act
    await ada.setInputFiles('#file', { name: 'red square.png', mimeType: 'image/png', buffer: png });
    await ada.click('#upload-form button[type="submit"]');
    const key = await ada.waitForSelector('#upload-status[data-key]').then((node) => node.getAttribute('data-key'));
    const card = await ada.waitForSelector(`#feed li[data-kind="IMAGE_TAGGED"]:has(.file[title="${key}"])`);

    // Assess
    expect(key).toMatch(new RegExp(`^private/${await ada.getAttribute('#who', 'data-identity-id')}/\\d{8}T\\d{6}Z-red square\\.png$`));
    expect(await card.getAttribute('data-status')).toBe('TAGGED');
    expect(await card.$eval('.file', (p) => p.textContent)).toBe('red square.png');
    const labels = await card.$$eval('.labels li', (items) => items.map((li) => li.textContent));
    expect(labels.map((label) => label?.replace(/ \d+%$/, ''))).toEqual(expect.arrayContaining(['PNG', 'Square', 'Thumbnail', 'Red']));
    expect(await ada.textContent('#upload-status')).toBe('Uploaded red square.png.');
    imageCardId = (await card.getAttribute('data-id')) ?? undefined;
  });

  it('keeps the image from another signed-in user, whose feed stays live for broadcasts and profile updates', async () => {
    // Prepare
    expect(imageCardId).toBeDefined();

    // Act
    await sleep(SETTLE_MS);
    const id = await broadcast();
    await bea.waitForSelector(`#feed li[data-id="${id}"]`);
    await ada.waitForSelector(`#feed li[data-id="${id}"]`);
    await sleep(SETTLE_MS);

    // Assess
    expect(await bea.locator(`#feed li[data-id="${imageCardId}"]`).count()).toBe(0);
    expect(await bea.locator('#feed li[data-kind="IMAGE_TAGGED"]').count()).toBe(0);
    // One banner per dataset: the latest refresh replaced the earlier one.
    expect(await bea.locator('#banners .banner span').allTextContents()).toEqual([`Fresh data: sales version v${broadcasts} is ready.`]);
    // Bea's first sign-in (after Ada's) stored her profile, which every signed-in user hears about.
    expect(await ada.locator('#feed li[data-kind="USER_UPDATE"]').allTextContents()).toEqual([expect.stringContaining(`${BEA.name} updated their profile`)]);
  });

  it('shows a notification sent while the real-time connection was cut exactly once after it is restored', async () => {
    // Prepare
    const identityId = await ada.getAttribute('#who', 'data-identity-id');
    const tagger = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: stack.functionCredentials.get('image-tagger')! });
    const before = (await statusHistory(ada)).length;
    const acceptedBefore = proxy.accepted;

    // Act
    proxy.cut();
    await ada.waitForFunction(() => document.getElementById('status')?.dataset.state !== 'connected');
    const sent = await tagger.mutate(NotifyImageTaggedDocument, {
      input: { idempotencyKey: 'e2e-offline', ownerId: identityId!, bucket: stack.buckets.uploads!, key: `private/${identityId}/sent-while-offline.png`, status: 'TAGGED', labels: [{ name: 'Offline', confidence: 91 }] },
    });
    const id = sent.data?.notifyImageTagged?.id ?? '(none)';
    await sleep(SETTLE_MS);
    const whileCut = await ada.locator(`#feed li[data-id="${id}"]`).count();
    proxy.restore();
    await ada.waitForSelector(`#feed li[data-id="${id}"]`, { timeout: 30_000 });
    await ada.waitForSelector('#status[data-state="connected"]');
    await sleep(SETTLE_MS);

    // Assess
    expect(sent.outcome).toBe('delivered');
    expect(whileCut).toBe(0);
    expect(await ada.locator(`#feed li[data-id="${id}"]`).count()).toBe(1);
    expect(await ada.locator(`#feed li[data-id="${id}"] .labels li`).allTextContents()).toEqual(['Offline 91%']);
    // The catch-up after the reconnect repeats nothing delivered live before the cut.
    const ids = await ada.locator('#feed > li').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.id));
    expect(new Set(ids).size).toBe(ids.length);
    const states = (await statusHistory(ada)).slice(before);
    expect(states[0]).toBe('disconnected');
    expect(states.at(-1)).toBe('connected');
    expect(proxy.accepted).toBeGreaterThan(acceptedBefore);
    expect(await ada.textContent('#status')).toBe('connected');
    expect(pageErrors).toEqual([]);
  });

  it('shows the transcript of an uploaded video, whose link downloads the full transcript signed with the owner’s credentials', async () => {
    // Prepare
    const spoken = 'Welcome to the quarterly review. Every region grew this year.';
    const pipeline = new S3Client({
      region: stack.region,
      endpoint: stack.s3Endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const uploadsPath = `/${stack.buckets.uploads}/`;
    // The Transcribe stand-in reads `<key>.txt` as the spoken text: the page's PUT of the video waits until it is there.
    await ada.route(
      (url) => url.pathname.startsWith(uploadsPath) && url.pathname.endsWith('.mp4'),
      async (route) => {
        if (route.request().method() === 'PUT') {
          const key = decodeURIComponent(new URL(route.request().url()).pathname.slice(uploadsPath.length));
          await pipeline.send(new PutObjectCommand({ Bucket: stack.buckets.uploads, Key: `${key}.txt`, Body: spoken, ContentType: 'text/plain' }));
        }
        await route.continue();
      },
    );
    const identityId = await ada.getAttribute('#who', 'data-identity-id');

    try {
      // Act
      await ada.setInputFiles('#file', { name: 'quarterly review.mp4', mimeType: 'video/mp4', buffer: makeMp4Header() });
      await ada.click('#upload-form button[type="submit"]');
      const key = await ada.waitForSelector('#upload-status[data-key$=".mp4"]').then((node) => node.getAttribute('data-key'));
      const card = await ada.waitForSelector(`#feed li[data-kind="TRANSCRIPT_READY"]:has(.file[title="${key}"])`, { timeout: 30_000 });
      const [download] = await Promise.all([ada.waitForEvent('download'), card.$eval('a.transcript-link', (a) => (a as HTMLAnchorElement).click())]);
      const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { jobName: string; results: { transcripts: Array<{ transcript: string }> } };
      await sleep(SETTLE_MS);

      // Assess
      expect(await card.getAttribute('data-status')).toBe('COMPLETED');
      expect(await card.$eval('blockquote', (q) => q.textContent)).toBe(spoken);
      const location = await card.$eval('a.transcript-link', (a) => a.getAttribute('title'));
      expect(location).toBe(`s3://${stack.buckets.uploads}/private/${identityId}/transcripts/${file.jobName}.json`);
      expect(file.results.transcripts.map((t) => t.transcript)).toEqual([spoken]);
      expect(download.suggestedFilename()).toBe(`${file.jobName}.json`);
      // Signed on the click, for a minute, with Ada's session credentials; no secret in the URL or in the page.
      const url = new URL(download.url());
      expect(url.pathname).toBe(`/${stack.buckets.uploads}/private/${encodeURIComponent(identityId!)}/transcripts/${file.jobName}.json`);
      expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
      expect(url.searchParams.get('X-Amz-Security-Token')).toEqual(expect.any(String));
      expect(await card.$eval('a.transcript-link', (a) => a.getAttribute('href'))).toBe('#');
      // The download left the page in place, signed in and live; Bea never saw Ada's transcript.
      expect(ada.url()).toBe(web.url);
      expect(await ada.textContent('#status')).toBe('connected');
      expect(await card.$eval('.transcript-problem', (p) => (p as HTMLElement).hidden)).toBe(true);
      expect(await bea.locator('#feed li[data-kind="TRANSCRIPT_READY"]').count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await ada.unrouteAll();
      pipeline.destroy();
    }
  });
});
