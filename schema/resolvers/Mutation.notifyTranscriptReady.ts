// Backend only (video-transcriber): a PRIVATE notification to the owner of the media.
import type { Context } from '@aws-appsync/utils';
import { TRANSCRIPT_EXCERPT_MAX_LENGTH } from '../src/constants';
import type { MutationNotifyTranscriptReadyArgs, Notification } from '../src/generated/schema-types';
import { notificationResponse, putNotification } from './lib/notification';
import { invalid, optionalText, requireText } from './lib/validate';

export function request(ctx: Context<MutationNotifyTranscriptReadyArgs>) {
  const input = ctx.args.input;
  const reason = optionalText('input.reason', input.reason, 1024);
  if (input.status === 'FAILED' && reason === null) invalid('input.reason', 'is required when status is FAILED');
  return putNotification({
    kind: 'TRANSCRIPT_READY',
    idempotencyKey: input.idempotencyKey,
    ownerId: requireText('input.ownerId', input.ownerId, 128),
    payloadField: 'transcriptReady',
    payload: {
      mediaKey: requireText('input.mediaKey', input.mediaKey, 1024),
      status: input.status,
      reason,
      languageCode: optionalText('input.languageCode', input.languageCode, 16),
      excerpt: optionalText('input.excerpt', input.excerpt, TRANSCRIPT_EXCERPT_MAX_LENGTH),
      transcriptLocation: optionalText('input.transcriptLocation', input.transcriptLocation, 2048),
    },
  });
}

export function response(ctx: Context<MutationNotifyTranscriptReadyArgs>): Notification | null {
  return notificationResponse(ctx);
}
