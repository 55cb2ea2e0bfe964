// `pnpm --filter @notifier/web screenshot [-- --out <dir>] [-- --dark] [-- --docs]`: the page in Chromium against a local
// stack, signed out and with a feed holding every kind, at a wide and a narrow (375 px) viewport. Every card
// comes through its production path: uploads from the page, the image-tagger and video-transcriber bundles,
// a bulk-load manifest, a SageMaker event, a second user's first sign-in. `--docs` also writes the wide
// populated view to docs/screenshot.png.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { completedTrainingJobDetail, makeMp4Header, makePng, serveWebPage, startLocalStack, webConfigFor } from '@notifier/local-stack';
import { launchChromium, signInThroughPage } from '../test/e2e/browser';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = resolve(__dirname, '../../..');
const USER = { email: 'ada@example.com', password: 'Ada-Password-1!', name: 'Ada Lovelace' };
const OTHER = { email: 'grace@example.com', password: 'Grace-Password-1!', name: 'Grace Hopper' };
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
  const out = resolve(argument('--out') ?? join(ROOT, '.notifier/screenshots'));
  mkdirSync(out, { recursive: true });
  const stack = await startLocalStack({ assemblyDir: join(ROOT, 'infra/cdk.out') });
  const web = await serveWebPage(join(ROOT, 'apps/web/dist'), webConfigFor(stack));
  const browser = await launchChromium();
  try {
    await stack.createUser(USER.email, USER.password, { name: USER.name });
    await stack.createUser(OTHER.email, OTHER.password, { name: OTHER.name });
    const dark = process.argv.includes('--dark');
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1, colorScheme: dark ? 'dark' : 'light' });
    const shot = (name: string) => join(out, `${name}${dark ? '-dark' : ''}.png`);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));

    await page.goto(web.url);
    await page.waitForSelector('#sign-in-form');
    await page.screenshot({ path: shot('signed-out-wide') });
    await page.setViewportSize({ width: 375, height: 740 });
    await page.screenshot({ path: shot('signed-out-narrow') });
    await page.setViewportSize({ width: 1200, height: 900 });

    await signInThroughPage(page, web.url, USER.email, USER.password);
    const identityId = (await page.getAttribute('#who', 'data-identity-id')) ?? '';
    const session = await stack.signIn(USER.email, USER.password);
    const s3 = new S3Client({ region: stack.region, endpoint: stack.s3Endpoint, forcePathStyle: true, credentials: session.credentials });
    const upload = async (name: string, mimeType: string, buffer: Buffer, kind: string) => {
      const count = await page.locator(`#feed li[data-kind="${kind}"]`).count();
      await page.setInputFiles('#file', { name, mimeType, buffer });
      await page.click('#upload-form button[type="submit"]');
      await page.waitForFunction(([k, n]) => document.querySelectorAll(`#feed li[data-kind="${k}"]`).length > Number(n), [kind, count] as const, { timeout: 20_000 });
    };

    // The Transcribe stand-in reads the spoken text from a file beside the video. The page names the upload
    // after the second it starts, so the file is written for this second and the next few.
    for (let ahead = 0; ahead < 4; ahead += 1) {
      const stamp = new Date(Date.now() + ahead * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      await s3.send(
        new PutObjectCommand({
          Bucket: stack.buckets.uploads,
          Key: `private/${identityId}/${stamp}-standup.mp4.txt`,
          Body: 'Good morning everyone. The new tagging pipeline shipped last night and every upload now gets its labels within seconds.',
          ContentType: 'text/plain',
        }),
      );
    }
    await upload('standup.mp4', 'video/mp4', makeMp4Header(), 'TRANSCRIPT_READY');
    await upload('party.gif', 'image/gif', GIF, 'IMAGE_TAGGED');
    await upload('beach.png', 'image/png', makePng(160, 100, (x, y) => (y < 55 ? [70, 140, 225] : x % 9 === 0 ? [250, 250, 245] : [232, 205, 130])), 'IMAGE_TAGGED');
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.buckets.data,
        Key: 'sales/2026-11-27/manifest.json',
        Body: JSON.stringify({ recordCount: 125_000, completedAt: new Date().toISOString() }),
        ContentType: 'application/json',
      }),
    );
    await page.waitForSelector('#feed li[data-kind="DATASET_REFRESHED"]');
    await stack.bus.putEvent(
      { source: 'aws.sagemaker', detailType: 'SageMaker Training Job State Change', detail: completedTrainingJobDetail(stack, 'churn', '7') },
      { region: stack.region, accountId: stack.accountId },
    );
    await page.waitForSelector('#feed li[data-kind="MODEL_READY"]');
    await stack.signIn(OTHER.email, OTHER.password);
    await page.waitForSelector('#feed li[data-kind="USER_UPDATE"]');

    await page.screenshot({ path: shot('feed-wide'), fullPage: true });
    if (process.argv.includes('--docs')) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await page.setViewportSize({ width: 1100, height: 800 });
      await page.screenshot({ path: join(ROOT, 'docs/screenshot.png'), fullPage: true });
    }
    await page.setViewportSize({ width: 375, height: 740 });
    await page.screenshot({ path: shot('feed-narrow'), fullPage: true });
    await context.close();
    console.log(`screenshots in ${out}`);
  } finally {
    await browser.close();
    await web.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
