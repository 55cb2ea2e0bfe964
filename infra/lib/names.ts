// Stack names: `Notifier-<stage>-<Part>`, so stages deploy side by side in one account.
import type { Stage } from './config';

/** The parts of the system, one stack each. */
export const STACK_PARTS = [
  'Storage',
  'Api',
  'Auth',
  'ImageTagger',
  'VideoTranscriber',
  'BulkLoadNotice',
  'ModelReadyNotice',
] as const;

/** One part of the system. */
export type StackPart = (typeof STACK_PARTS)[number];

/**
 * The CloudFormation stack name of one part in one stage.
 *
 * @example
 * stackName('dev', 'ImageTagger') // 'Notifier-dev-ImageTagger'
 */
export function stackName(stage: Stage, part: StackPart): string {
  return `Notifier-${stage}-${part}`;
}
