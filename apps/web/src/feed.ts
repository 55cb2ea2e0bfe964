import type { Notification, UserUpdate } from '@notifier/client';

/** How the page renders cards. */
export interface RenderOptions {
  /**
   * Makes the URL of a full transcript when its link is clicked (a GET presigned with the user's own credentials,
   * see `createTranscriptLinker`); a rejection is shown on the card.
   * @default undefined: the transcript's location is shown as text, without a link
   */
  linkFor?: (s3Uri: string) => Promise<string>;
  /**
   * Opens a URL made by {@link linkFor}.
   * @default the window navigates to it (the transcript arrives as a download, the page stays)
   */
  open?: (url: string) => void;
}

/**
 * Renders one notification as a feed card. Every value from the server is set as text, never as HTML,
 * so a label or a file name cannot inject markup. Kinds this page does not know yet get a generic card.
 *
 * @example
 * feed.prepend(renderNotification(document, notification));
 */
export function renderNotification(doc: Document, n: Notification, options: RenderOptions = {}): HTMLLIElement {
  const card = el(doc, 'li', 'card');
  card.dataset.kind = n.kind;
  card.dataset.id = n.id;
  switch (n.kind) {
    case 'IMAGE_TAGGED': {
      const p = n.imageTagged;
      card.dataset.status = p?.status ?? '';
      card.append(heading(doc, p?.status === 'SKIPPED' ? 'Image skipped' : 'Image tagged', n.createdAt));
      card.append(fileLine(doc, p?.key ?? ''));
      if (p?.status === 'SKIPPED') {
        card.append(text(doc, 'p', `Reason: ${p.reason ?? 'not given'}`, 'reason'));
      } else {
        const list = el(doc, 'ul', 'labels');
        for (const label of p?.labels ?? []) list.append(text(doc, 'li', `${label.name} ${Math.round(label.confidence)}%`));
        card.append(list);
      }
      break;
    }
    case 'TRANSCRIPT_READY': {
      const p = n.transcriptReady;
      card.dataset.status = p?.status ?? '';
      card.append(heading(doc, p?.status === 'FAILED' ? 'Transcription failed' : 'Transcript ready', n.createdAt));
      card.append(fileLine(doc, p?.mediaKey ?? ''));
      if (p?.status === 'FAILED') {
        card.append(text(doc, 'p', `Reason: ${p.reason ?? 'not given'}`, 'reason'));
      } else {
        if (p?.excerpt) card.append(text(doc, 'blockquote', p.excerpt));
        const meta = text(doc, 'p', p?.languageCode ?? '', 'muted');
        if (p?.transcriptLocation) {
          if (p.languageCode) meta.append(' · ');
          meta.append(transcriptLink(doc, p.transcriptLocation, options));
        }
        if (meta.childNodes.length > 0) card.append(meta);
        const problem = text(doc, 'p', '', 'reason transcript-problem');
        problem.hidden = true;
        card.append(problem);
      }
      break;
    }
    case 'DATASET_REFRESHED': {
      const p = n.datasetRefreshed;
      card.append(heading(doc, 'Dataset refreshed', n.createdAt));
      const count = typeof p?.recordCount === 'number' ? ` · ${p.recordCount.toLocaleString('en')} records` : '';
      card.append(text(doc, 'p', `${p?.dataset ?? '?'} version ${p?.version ?? '?'}${count}`));
      break;
    }
    case 'MODEL_READY': {
      const p = n.modelReady;
      card.append(heading(doc, 'Model ready', n.createdAt));
      card.append(text(doc, 'p', `${p?.modelName ?? '?'} version ${p?.version ?? '?'}`));
      if (p?.artifactLocation) {
        // The bucket name is long and generated: the key says which artifact, the tooltip keeps the whole location.
        const location = text(doc, 'p', p.artifactLocation.replace(/^s3:\/\/[^/]+\//, ''), 'muted location');
        location.title = p.artifactLocation;
        card.append(location);
      }
      if (p?.metrics?.length) {
        const table = el(doc, 'table', 'metrics');
        for (const metric of p.metrics) {
          const row = doc.createElement('tr');
          row.append(text(doc, 'td', metric.name), text(doc, 'td', formatNumber(metric.value)));
          table.append(row);
        }
        card.append(table);
      }
      break;
    }
    default:
      card.append(heading(doc, `Notification: ${n.kind}`, n.createdAt));
      card.append(text(doc, 'p', 'This page does not know this kind yet.', 'muted'));
  }
  return card;
}

/**
 * Renders a public profile change as a feed line.
 *
 * @example
 * feed.prepend(renderUserUpdate(document, update));
 */
export function renderUserUpdate(doc: Document, update: UserUpdate): HTMLLIElement {
  const card = el(doc, 'li', 'card');
  card.dataset.kind = 'USER_UPDATE';
  card.dataset.id = `${update.id}@${update.updatedAt}`;
  card.append(heading(doc, 'Profile updated', update.updatedAt));
  card.append(text(doc, 'p', `${update.displayName ?? 'A user'} updated their profile`));
  return card;
}

/**
 * The banner a dataset refresh shows above the feed, with a button that dismisses it.
 *
 * @example
 * banners.prepend(renderDatasetBanner(document, notification));
 */
export function renderDatasetBanner(doc: Document, n: Notification): HTMLDivElement {
  const banner = el(doc, 'div', 'banner');
  banner.setAttribute('role', 'status');
  const p = n.datasetRefreshed;
  banner.dataset.dataset = p?.dataset ?? '';
  banner.append(text(doc, 'span', `Fresh data: ${p?.dataset ?? '?'} version ${p?.version ?? '?'} is ready.`));
  const dismiss = text(doc, 'button', '×', 'dismiss') as HTMLButtonElement;
  dismiss.type = 'button';
  dismiss.setAttribute('aria-label', 'Dismiss');
  dismiss.addEventListener('click', () => banner.remove());
  banner.append(dismiss);
  return banner;
}

/**
 * Shows the banner of a dataset refresh on top of `container`, replacing the banner of an earlier
 * version of the same dataset so that refreshes do not pile up.
 *
 * @example
 * showDatasetBanner(document.getElementById('banners')!, notification);
 */
export function showDatasetBanner(container: HTMLElement, n: Notification): HTMLDivElement {
  const banner = renderDatasetBanner(container.ownerDocument, n);
  for (const existing of container.querySelectorAll<HTMLElement>('.banner')) {
    if (existing.dataset.dataset === banner.dataset.dataset) existing.remove();
  }
  container.prepend(banner);
  return banner;
}

/**
 * The name an uploaded file is shown under: the last part of its key without the time prefix the page
 * adds on upload (`20261127T101529Z-`).
 *
 * @example
 * displayFileName('private/eu-west-1:abc/20261127T101529Z-beach.png'); // 'beach.png'
 */
export function displayFileName(key: string): string {
  const name = key.split('/').pop() || key;
  return name.replace(/^\d{8}T\d{6}Z-(?=.)/, '');
}

function fileLine(doc: Document, key: string): HTMLElement {
  const line = text(doc, 'p', displayFileName(key), 'file');
  line.title = key;
  return line;
}

function heading(doc: Document, title: string, iso: string): HTMLElement {
  const h = text(doc, 'h3', title);
  const time = text(doc, 'time', new Date(iso).toLocaleTimeString('en', { hour12: false })) as HTMLTimeElement;
  time.dateTime = iso;
  h.append(time);
  return h;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  return node;
}

function text(doc: Document, tag: keyof HTMLElementTagNameMap, content: string, className?: string): HTMLElement {
  const node = el(doc, tag, className);
  node.textContent = content;
  return node;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '');
}

/**
 * The "Full transcript" link: nothing is signed until it is clicked; then {@link RenderOptions.linkFor} makes a
 * short-lived URL with the user's credentials and the page opens it, or the card says why it could not.
 */
function transcriptLink(doc: Document, location: string, options: RenderOptions): HTMLElement {
  const { linkFor } = options;
  if (!linkFor) {
    const plain = text(doc, 'span', 'Full transcript');
    plain.title = location;
    return plain;
  }
  const link = text(doc, 'a', 'Full transcript', 'transcript-link') as HTMLAnchorElement;
  link.href = '#';
  link.title = location;
  const open = options.open ?? ((url: string) => doc.defaultView?.location.assign(url));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') return;
    const problem = link.closest('.card')?.querySelector<HTMLElement>('.transcript-problem');
    if (problem) problem.hidden = true;
    link.setAttribute('aria-busy', 'true');
    linkFor(location)
      .then(open)
      .catch((error: unknown) => {
        if (!problem) return;
        problem.textContent = `Cannot open the transcript: ${error instanceof Error ? error.message : String(error)}`;
        problem.hidden = false;
      })
      .finally(() => link.removeAttribute('aria-busy'));
  });
  return link;
}
