import { createNotifierClient, type NotifierClient } from '@notifier/client';
import { parseWebConfig, type WebConfig } from './config';
import { renderNotification, renderUserUpdate, showDatasetBanner } from './feed';
import { signIn } from './session';
import { statusLabel } from './status';
import { createTranscriptLinker } from './transcript';
import { uploadFile } from './upload';

const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
};

let client: NotifierClient | undefined;

function setStatus(state: string, label = state, reason?: string): void {
  const status = $('status');
  status.dataset.state = state;
  status.textContent = label;
  status.title = reason ?? '';
}

function addCard(card: HTMLElement): void {
  $('feed-empty').hidden = true;
  $('feed').prepend(card);
}

async function start(): Promise<void> {
  let config: WebConfig;
  try {
    config = parseWebConfig(await (await fetch('notifier-config.json', { cache: 'no-store' })).json());
  } catch (error) {
    setStatus('closed', 'not configured');
    $('sign-in-error').textContent = error instanceof Error ? error.message : String(error);
    $('sign-in-error').hidden = false;
    return;
  }

  $<HTMLFormElement>('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const button = form.querySelector('button') as HTMLButtonElement;
    const errorLine = $('sign-in-error');
    button.disabled = true;
    errorLine.hidden = true;
    void signIn(config, $<HTMLInputElement>('email').value.trim(), $<HTMLInputElement>('password').value)
      .then((session) => {
        $('sign-in').hidden = true;
        $('app').hidden = false;
        $('sign-out').hidden = false;
        $('who').textContent = session.email;
        $('who').dataset.identityId = session.identityId;
        client = createNotifierClient({
          graphqlUrl: config.graphqlUrl,
          ...(config.realtimeUrl ? { realtimeUrl: config.realtimeUrl } : {}),
          region: config.region,
          credentials: session.credentials,
        });
        const linkFor = createTranscriptLinker({
          region: config.region,
          credentials: session.credentials,
          uploadsBucket: config.uploadsBucket,
          identityId: session.identityId,
          ...(config.s3Endpoint ? { s3Endpoint: config.s3Endpoint } : {}),
        });
        client.subscribe({
          onNotification: (n) => {
            addCard(renderNotification(document, n, { linkFor }));
            if (n.kind === 'DATASET_REFRESHED') showDatasetBanner($('banners'), n);
          },
          onUserUpdate: (update) => addCard(renderUserUpdate(document, update)),
          onStatus: (status) => setStatus(status.state, statusLabel(status), status.reason),
          onError: (error) => console.error('notifier:', error),
        });
        wireUpload(config, session);
      })
      .catch((error: unknown) => {
        errorLine.textContent = `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
        errorLine.hidden = false;
      })
      .finally(() => {
        button.disabled = false;
      });
  });

  $('sign-out').addEventListener('click', () => {
    client?.close();
    window.location.reload();
  });
}

function wireUpload(config: WebConfig, session: Awaited<ReturnType<typeof signIn>>): void {
  $<HTMLFormElement>('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $<HTMLInputElement>('file');
    const file = input.files?.[0];
    const status = $('upload-status');
    const button = (event.currentTarget as HTMLFormElement).querySelector('button') as HTMLButtonElement;
    if (!file) return;
    button.disabled = true;
    status.textContent = `Uploading ${file.name}…`;
    delete status.dataset.key;
    void uploadFile(config, session, file)
      .then((key) => {
        status.textContent = `Uploaded ${file.name}.`;
        status.dataset.key = key;
        input.value = '';
      })
      .catch((error: unknown) => {
        status.textContent = `Upload failed: ${error instanceof Error ? error.message : String(error)}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}

void start();
