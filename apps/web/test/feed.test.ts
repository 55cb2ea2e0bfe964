/**
 * @jest-environment jsdom
 */
import type { Notification } from '@notifier/client';
import { displayFileName, renderDatasetBanner, renderNotification, renderUserUpdate, showDatasetBanner } from '../src/feed';
import imageTagged from './notifications/image-tagged.json';

describe('Function: renderNotification', () => {
  // jsdom has no structuredClone: a JSON round trip copies the fixture as well.
  const base = () => JSON.parse(JSON.stringify(imageTagged)) as Notification;

  it('shows an image’s labels with their confidence, as text only', () => {
    // Act
    const card = renderNotification(document, base());

    // Assess
    expect(card.dataset).toMatchObject({ kind: 'IMAGE_TAGGED', status: 'TAGGED', id: imageTagged.id });
    expect(card.querySelector('h3')?.firstChild?.textContent).toBe('Image tagged');
    expect([...card.querySelectorAll('.labels li')].map((li) => li.textContent)).toEqual(['PNG 100%', '<img src=x onerror=alert(1)> 71%']);
    expect(card.querySelector('img')).toBeNull();
    expect(card.querySelector('.file')?.textContent).toBe('beach.png');
    expect(card.querySelector('.file')?.getAttribute('title')).toBe(imageTagged.imageTagged.key);
  });

  it('shows why an image was skipped', () => {
    // Prepare
    const skipped = base();
    skipped.imageTagged = { ...skipped.imageTagged!, status: 'SKIPPED', labels: [], reason: 'not a JPEG or PNG image (found GIF)' };

    // Act
    const card = renderNotification(document, skipped);

    // Assess
    expect(card.dataset.status).toBe('SKIPPED');
    expect(card.querySelector('.reason')?.textContent).toBe('Reason: not a JPEG or PNG image (found GIF)');
    expect(card.querySelector('.labels')).toBeNull();
  });

  const transcript = (location: string | null = 's3://uploads/private/id/transcripts/notifier-clip.mp4-1.json') =>
    ({ ...base(), kind: 'TRANSCRIPT_READY', imageTagged: null, transcriptReady: { mediaKey: 'private/id/clip.mp4', status: 'COMPLETED', reason: null, languageCode: 'en-US', excerpt: 'Hello and welcome.', transcriptLocation: location } }) as Notification;
  const settle = () => new Promise((done) => setTimeout(done, 0));

  it('shows a transcript excerpt with a link that signs the full transcript only when clicked, then opens it', async () => {
    // Prepare
    const signed: string[] = [];
    const opened: string[] = [];
    const card = renderNotification(document, transcript(), {
      linkFor: async (location) => {
        signed.push(location);
        return 'http://127.0.0.1:9000/signed';
      },
      open: (url) => opened.push(url),
    });
    const link = card.querySelector<HTMLAnchorElement>('a.transcript-link')!;
    const before = [...signed];

    // Act
    link.click();
    await settle();

    // Assess
    expect(card.querySelector('blockquote')?.textContent).toBe('Hello and welcome.');
    expect(card.querySelector('.muted')?.textContent).toBe('en-US · Full transcript');
    expect(link.title).toBe('s3://uploads/private/id/transcripts/notifier-clip.mp4-1.json');
    expect(link.getAttribute('href')).toBe('#');
    expect(before).toEqual([]);
    expect(signed).toEqual(['s3://uploads/private/id/transcripts/notifier-clip.mp4-1.json']);
    expect(opened).toEqual(['http://127.0.0.1:9000/signed']);
    expect(link.hasAttribute('aria-busy')).toBe(false);
    expect(card.querySelector<HTMLElement>('.transcript-problem')?.hidden).toBe(true);
  });

  it('says on the card why the transcript cannot be opened, and opens nothing', async () => {
    // Prepare
    const opened: string[] = [];
    const card = renderNotification(document, transcript(), { linkFor: () => Promise.reject(new Error('Access Denied')), open: (url) => opened.push(url) });

    // Act
    card.querySelector<HTMLAnchorElement>('a.transcript-link')!.click();
    await settle();

    // Assess
    const problem = card.querySelector<HTMLElement>('.transcript-problem')!;
    expect(problem.hidden).toBe(false);
    expect(problem.textContent).toBe('Cannot open the transcript: Access Denied');
    expect(opened).toEqual([]);
  });

  it('shows the transcript location without a link when the page cannot sign one, and why a transcription failed', () => {
    // Prepare
    const completed = { ...transcript('s3://uploads/private/id/transcripts/notifier-talk.mp3-1.json') } as Notification;
    completed.transcriptReady = { ...completed.transcriptReady!, languageCode: null, excerpt: null };
    const failed = { ...base(), kind: 'TRANSCRIPT_READY', imageTagged: null, transcriptReady: { mediaKey: 'private/id/20261127T101529Z-talk.mp3', status: 'FAILED', reason: 'The media file is corrupt.', languageCode: null, excerpt: null, transcriptLocation: null } } as Notification;

    // Act
    const completedCard = renderNotification(document, completed);
    const failedCard = renderNotification(document, failed);

    // Assess
    expect(completedCard.querySelector('a')).toBeNull();
    expect(completedCard.querySelector('.muted')?.textContent).toBe('Full transcript');
    expect(completedCard.querySelector('.muted span')?.getAttribute('title')).toBe('s3://uploads/private/id/transcripts/notifier-talk.mp3-1.json');
    expect(completedCard.querySelector('blockquote')).toBeNull();
    expect(failedCard.dataset.status).toBe('FAILED');
    expect(failedCard.querySelector('h3')?.firstChild?.textContent).toBe('Transcription failed');
    expect(failedCard.querySelector('.file')?.textContent).toBe('talk.mp3');
    expect(failedCard.querySelector('.reason')?.textContent).toBe('Reason: The media file is corrupt.');
    expect(failedCard.querySelector('a')).toBeNull();
  });

  it('shows a model card with its metrics and a dataset banner', () => {
    // Prepare
    const model = { ...base(), kind: 'MODEL_READY', ownerId: null, imageTagged: null, modelReady: { modelName: 'churn', version: '12', artifactLocation: 's3://models/models/churn/12/model.tar.gz', metrics: [{ name: 'validation:auc', value: 0.91234567 }] } } as Notification;
    const dataset = { ...base(), kind: 'DATASET_REFRESHED', ownerId: null, imageTagged: null, datasetRefreshed: { dataset: 'sales', version: '2026-11-27', recordCount: 1200000, completedAt: '2026-11-27T10:00:00Z' } } as Notification;

    // Act
    const modelCard = renderNotification(document, model);
    const datasetCard = renderNotification(document, dataset);
    const banner = renderDatasetBanner(document, dataset);

    // Assess
    expect([...modelCard.querySelectorAll('.metrics td')].map((td) => td.textContent)).toEqual(['validation:auc', '0.9123']);
    expect(modelCard.querySelector('.location')?.textContent).toBe('models/churn/12/model.tar.gz');
    expect(modelCard.querySelector('.location')?.getAttribute('title')).toBe('s3://models/models/churn/12/model.tar.gz');
    expect(datasetCard.textContent).toContain('sales version 2026-11-27 · 1,200,000 records');
    expect(banner.querySelector('span')?.textContent).toBe('Fresh data: sales version 2026-11-27 is ready.');
  });

  it('passes through a kind it does not know with a generic card', () => {
    // Prepare
    const unknown = { ...base(), kind: 'INVOICE_PAID', imageTagged: null } as Notification;

    // Act
    const card = renderNotification(document, unknown);

    // Assess
    expect(card.dataset.kind).toBe('INVOICE_PAID');
    expect(card.querySelector('h3')?.firstChild?.textContent).toBe('Notification: INVOICE_PAID');
  });

  it('renders a public profile change', () => {
    // Act
    const card = renderUserUpdate(document, { id: 'sub-1', displayName: 'Ada', picture: null, locale: null, updatedAt: '2026-11-27T10:00:00Z' });

    // Assess
    expect(card.dataset.kind).toBe('USER_UPDATE');
    expect(card.textContent).toContain('Ada updated their profile');
  });
});

describe('Function: showDatasetBanner', () => {
  const refresh = (dataset: string, version: string) =>
    ({ ...(JSON.parse(JSON.stringify(imageTagged)) as Notification), kind: 'DATASET_REFRESHED', ownerId: null, imageTagged: null, datasetRefreshed: { dataset, version, recordCount: null, completedAt: '2026-11-27T10:00:00Z' } }) as Notification;

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps one banner per dataset, the latest on top, and removes one when dismissed', () => {
    // Prepare
    const container = document.createElement('div');
    document.body.append(container);

    // Act
    showDatasetBanner(container, refresh('sales', 'v1'));
    showDatasetBanner(container, refresh('stock', 'v1'));
    const latest = showDatasetBanner(container, refresh('sales', 'v2'));
    const texts = [...container.querySelectorAll('.banner span')].map((span) => span.textContent);
    latest.querySelector<HTMLButtonElement>('button.dismiss')?.click();

    // Assess
    expect(texts).toEqual(['Fresh data: sales version v2 is ready.', 'Fresh data: stock version v1 is ready.']);
    expect(latest.querySelector('button')?.getAttribute('aria-label')).toBe('Dismiss');
    expect([...container.querySelectorAll('.banner')].map((b) => (b as HTMLElement).dataset.dataset)).toEqual(['stock']);
  });
});

describe('Function: displayFileName', () => {
  it('shows the last part of a key without the upload time prefix', () => {
    // Act + Assess
    expect(displayFileName('private/eu-west-1:abc/20261127T101529Z-beach.png')).toBe('beach.png');
    expect(displayFileName('private/eu-west-1:abc/beach.png')).toBe('beach.png');
    expect(displayFileName('private/eu-west-1:abc/20261127T101529Z-')).toBe('20261127T101529Z-');
    expect(displayFileName('private/eu-west-1:abc/')).toBe('private/eu-west-1:abc/');
  });
});
