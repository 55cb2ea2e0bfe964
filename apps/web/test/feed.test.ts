/**
 * @jest-environment jsdom
 */
import type { Notification } from '@notifier/client';
import { renderDatasetBanner, renderNotification, renderUserUpdate } from '../src/feed';
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
    expect(card.textContent).toContain('20261127T101529Z-beach.png');
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

  it('shows a transcript excerpt with a link to the full transcript', () => {
    // Prepare
    const n = { ...base(), kind: 'TRANSCRIPT_READY', imageTagged: null, transcriptReady: { mediaKey: 'private/id/clip.mp4', status: 'COMPLETED', reason: null, languageCode: 'en-US', excerpt: 'Hello and welcome.', transcriptLocation: 's3://transcripts/private/id/clip.json' } } as Notification;

    // Act
    const card = renderNotification(document, n, { linkFor: (uri) => uri.replace('s3://', 'http://127.0.0.1:9000/') });

    // Assess
    expect(card.querySelector('blockquote')?.textContent).toBe('Hello and welcome.');
    expect(card.querySelector('a')?.getAttribute('href')).toBe('http://127.0.0.1:9000/transcripts/private/id/clip.json');
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
    expect(datasetCard.textContent).toContain('sales version 2026-11-27 · 1,200,000 records');
    expect(banner.textContent).toBe('Fresh data: sales version 2026-11-27 is ready.');
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
