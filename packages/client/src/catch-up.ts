import type { NotificationsQuery } from '@notifier/schema';
import type { Notification } from './types';

/** One page of the `notifications` catch-up query. */
export type CatchUpPage = Omit<NotificationsQuery['notifications'], 'items'> & { items: Notification[] };
