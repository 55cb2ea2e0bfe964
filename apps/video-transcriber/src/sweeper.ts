import { ListTranscriptionJobsCommand, type TranscribeClient, type TranscriptionJobStatus } from '@aws-sdk/client-transcribe';
import { retryThrottled } from '@notifier/lambda-kit';
import { JOB_NAME_PREFIX } from './job';

/** Options of {@link listRecentFinishedJobs}. */
export interface ListRecentJobsOptions {
  /** Transcribe client (ListTranscriptionJobs). */
  transcribe: TranscribeClient;
  /** Jobs that finished (or, lacking a completion time, were created) before this epoch ms are left out. */
  since: number;
  /** Epoch ms after which no further page is requested. */
  deadline: number;
  /** Results per page (1-100). @default 100 */
  pageSize?: number;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Waits between throttled attempts. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/** One finished notifier job of the window, as listed. */
export interface FinishedJob {
  /** The job name. */
  name: string;
  /** COMPLETED or FAILED. */
  status: TranscriptionJobStatus;
  /** When the job finished (or, lacking a completion time, was created), epoch ms. */
  finishedAt: number;
}

/** The finished notifier jobs of the window, oldest first, and whether the listing reached its end before the deadline. */
export interface RecentJobs {
  jobs: FinishedJob[];
  complete: boolean;
}

const FINISHED: readonly TranscriptionJobStatus[] = ['COMPLETED', 'FAILED'];

/**
 * Lists notifier's COMPLETED and FAILED jobs that finished within the window, page by page (`NextToken`), bounded by
 * the deadline, and returns them oldest first, both statuses merged by finish time (then name). `ListTranscriptionJobs`
 * returns the newest jobs first, so paging stops at the first page whose jobs were all created before the window.
 *
 * @example
 * const { jobs, complete } = await listRecentFinishedJobs({ transcribe, since: Date.now() - 86_400_000, deadline });
 */
export async function listRecentFinishedJobs(options: ListRecentJobsOptions): Promise<RecentJobs> {
  const now = options.now ?? Date.now;
  const jobs: FinishedJob[] = [];
  // Oldest first: the jobs nearest to leaving the window go first, and neither status waits behind the other.
  const oldestFirst = () => jobs.sort((a, b) => a.finishedAt - b.finishedAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const status of FINISHED) {
    let nextToken: string | undefined;
    do {
      if (now() >= options.deadline) return { jobs: oldestFirst(), complete: false };
      const page = await retryThrottled(
        (abortSignal) =>
          options.transcribe.send(
            new ListTranscriptionJobsCommand({ Status: status, JobNameContains: JOB_NAME_PREFIX, MaxResults: options.pageSize ?? 100, NextToken: nextToken }),
            { abortSignal },
          ),
        { deadline: options.deadline, operation: 'ListTranscriptionJobs', now, sleep: options.sleep },
      );
      const summaries = page.TranscriptionJobSummaries ?? [];
      for (const summary of summaries) {
        const finishedAt = (summary.CompletionTime ?? summary.CreationTime)?.getTime() ?? 0;
        if (summary.TranscriptionJobName?.startsWith(JOB_NAME_PREFIX) && finishedAt >= options.since) jobs.push({ name: summary.TranscriptionJobName, status, finishedAt });
      }
      const allOlder = summaries.length > 0 && summaries.every((s) => (s.CreationTime?.getTime() ?? 0) < options.since);
      nextToken = allOlder ? undefined : page.NextToken;
    } while (nextToken);
  }
  return { jobs: oldestFirst(), complete: true };
}
