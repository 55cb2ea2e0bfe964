import type { ConnectionStatus } from '@notifier/client';

/**
 * The words the status pill shows for a connection state (its `data-state` keeps the state itself).
 *
 * @example
 * statusLabel({ state: 'disconnected', attempt: 2 }); // 'reconnecting (attempt 2)'
 */
export function statusLabel(status: ConnectionStatus): string {
  switch (status.state) {
    case 'connecting':
      return 'connecting…';
    case 'disconnected':
      return `reconnecting (attempt ${status.attempt ?? 1})`;
    case 'closed':
      return 'offline';
    default:
      return status.state;
  }
}
