// `pnpm --filter @notifier/infra redrive -- --queue-url <DeadLetterQueueUrl> [--dry-run] [--max 100]`
// Credentials and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION, ...).
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { redriveDeadLetters, type RedriveClients } from '../src/redrive';

function awsClients(queueUrl: string): RedriveClients {
  const sqs = new SQSClient({});
  const lambda = new LambdaClient({});
  return {
    async receive(visibilitySeconds) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 2,
          VisibilityTimeout: visibilitySeconds,
          MessageAttributeNames: ['All'],
        }),
      );
      return out.Messages ?? [];
    },
    async invoke(functionArn, payload) {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: new TextEncoder().encode(payload) }),
      );
      if (out.StatusCode !== 202) throw new Error(`Lambda answered ${String(out.StatusCode)} instead of 202`);
    },
    async remove(receiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
  };
}

async function main(): Promise<void> {
  // `pnpm redrive -- --queue-url ...` passes the `--` through.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      'queue-url': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      max: { type: 'string', default: '1000' },
    },
  });
  const queueUrl = values['queue-url'];
  const max = Number(values.max);
  if (!queueUrl || !/^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/\d{12}\/.+$/.test(queueUrl) || !Number.isInteger(max) || max < 1) {
    console.error('usage: redrive --queue-url https://sqs.<region>.amazonaws.com/<account>/<queue> [--dry-run] [--max <n>]');
    process.exit(2);
  }
  const report = await redriveDeadLetters({ clients: awsClients(queueUrl), dryRun: values['dry-run'], maxMessages: max });
  for (const item of report.redriven) {
    console.log(`${values['dry-run'] ? 'would redrive' : 'redriven'} ${item.messageId} -> ${item.functionArn} (${item.origin}; ${item.reason})`);
  }
  for (const item of report.kept) console.error(`kept ${item.messageId}: ${item.error}`);
  console.log(`${report.redriven.length} ${values['dry-run'] ? 'to redrive' : 'redriven'}, ${report.kept.length} kept in the queue`);
  if (report.kept.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
