import type { ConnectionStatus, Notification, NotificationSource, UserUpdate } from '@notifier/client';
import { NOTIFICATION_KINDS } from '@notifier/client';

const KNOWN: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);
const KIND_WIDTH = Math.max(...NOTIFICATION_KINDS.map((k) => k.length));

/**
 * One JSON line for scripts: `{"type":"notification","source":...,"receivedAt":...,"notification":{...}}`.
 * The notification is passed through as received, unknown kinds and fields included.
 *
 * @example
 * ```ts
 * stdout.write(jsonNotification(n, 'live', new Date()) + '\n');
 * ```
 */
export function jsonNotification(notification: Notification, source: NotificationSource, receivedAt: Date): string {
  return JSON.stringify({ type: 'notification', source, receivedAt: receivedAt.toISOString(), notification });
}

/**
 * One JSON line for a profile update.
 *
 * @example
 * ```ts
 * stdout.write(jsonUserUpdate(update, new Date()) + '\n');
 * ```
 */
export function jsonUserUpdate(update: UserUpdate, receivedAt: Date): string {
  return JSON.stringify({ type: 'userUpdate', receivedAt: receivedAt.toISOString(), userUpdate: update });
}

/**
 * One JSON line for a connection state change.
 *
 * @example
 * ```ts
 * stdout.write(jsonStatus({ state: 'connected' }, new Date()) + '\n');
 * ```
 */
export function jsonStatus(status: ConnectionStatus, at: Date): string {
  return JSON.stringify({ type: 'status', at: at.toISOString(), ...status });
}

/**
 * A notification as a person reads it: time, kind, then what happened.
 *
 * @example
 * ```ts
 * prettyNotification(n, 'live');
 * // '14:05:09  MODEL_READY        churn v7 is ready (auc 0.91) s3://models/churn/v7/model.tar.gz'
 * ```
 */
export function prettyNotification(notification: Notification, source: NotificationSource): string {
  const time = clock(notification.createdAt);
  const kind = notification.kind.padEnd(KIND_WIDTH);
  const tail = source === 'catch-up' ? '  (caught up)' : '';
  return `${time}  ${kind}  ${describe(notification)}${tail}`;
}

/**
 * A profile update as a person reads it.
 *
 * @example
 * ```ts
 * prettyUserUpdate(update); // '14:05:09  USER_UPDATE        Ada Lovelace (user 1f2e...) updated their profile'
 * ```
 */
export function prettyUserUpdate(update: UserUpdate): string {
  const who = update.displayName ? `${update.displayName} (user ${update.id})` : `user ${update.id}`;
  return `${clock(update.updatedAt)}  ${'USER_UPDATE'.padEnd(KIND_WIDTH)}  ${who} updated their profile`;
}

/**
 * A connection state change as a person reads it.
 *
 * @example
 * ```ts
 * prettyStatus({ state: 'disconnected', attempt: 2, retryInMs: 1200, reason: 'keep-alive timeout' });
 * // 'disconnected (keep-alive timeout); retry 2 in 1.2 s'
 * ```
 */
export function prettyStatus(status: ConnectionStatus): string {
  switch (status.state) {
    case 'connecting':
      return 'connecting...';
    case 'connected':
      return 'connected';
    case 'disconnected':
      return `disconnected${status.reason ? ` (${status.reason})` : ''}; retry ${status.attempt ?? 1} in ${((status.retryInMs ?? 0) / 1000).toFixed(1)} s`;
    case 'closed':
      return `closed${status.reason ? ` (${status.reason})` : ''}`;
    default:
      return String(status.state);
  }
}

function describe(n: Notification): string {
  if (!KNOWN.has(n.kind)) {
    // A kind newer than this CLI: show what the envelope says rather than dropping it.
    return `${n.audience.toLowerCase()} notification ${n.id} (a kind this CLI does not know; --json shows everything)`;
  }
  if (n.imageTagged) {
    const p = n.imageTagged;
    if (p.status === 'SKIPPED') return `${p.key} skipped: ${p.reason ?? 'no reason given'}`;
    const labels = p.labels.map((l) => `${l.name} ${l.confidence.toFixed(1)}%`).join(', ');
    return `${p.key}: ${labels || 'no labels'}`;
  }
  if (n.transcriptReady) {
    const p = n.transcriptReady;
    if (p.status === 'FAILED') return `${p.mediaKey} transcription failed: ${p.reason ?? 'no reason given'}`;
    const language = p.languageCode ? ` (${p.languageCode})` : '';
    const excerpt = p.excerpt ? ` "${truncate(p.excerpt, 80)}"` : '';
    const link = p.transcriptLocation ? ` ${p.transcriptLocation}` : '';
    return `${p.mediaKey}${language}:${excerpt}${link}`;
  }
  if (n.datasetRefreshed) {
    const p = n.datasetRefreshed;
    const records = p.recordCount === null ? '' : ` (${p.recordCount.toLocaleString('en-US')} records)`;
    return `dataset ${p.dataset} ${p.version} refreshed${records}`;
  }
  if (n.modelReady) {
    const p = n.modelReady;
    const metrics = p.metrics.map((m) => `${m.name} ${m.value}`).join(', ');
    return `model ${p.modelName} ${p.version} is ready${metrics ? ` (${metrics})` : ''} ${p.artifactLocation}`;
  }
  return `notification ${n.id} without a payload`;
}

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 19);
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
