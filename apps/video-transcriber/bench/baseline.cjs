/* global URL, console */
// Baseline for the cold-start benchmark: the three handlers' jobs done the original way: the whole aws-sdk v2 for S3,
// Transcribe and the SigV4 signer, node-fetch for the AppSync call, shipped unbundled. Installed at bench time outside
// the workspace. One file serves start, complete and sweep (their cold load is the same require of aws-sdk).
const AWS = require('aws-sdk');
const fetch = require('node-fetch');

const s3 = new AWS.S3();
const transcribe = new AWS.TranscribeService();
const endpoint = new URL(process.env.GRAPHQL_URL);
const NOTIFY = `mutation NotifyTranscriptReady($input: TranscriptReadyInput!) {
  notifyTranscriptReady(input: $input) { id kind createdAt }
}`;

async function notify(input) {
  const request = new AWS.HttpRequest(endpoint, process.env.AWS_REGION);
  request.method = 'POST';
  request.path = endpoint.pathname;
  request.headers.host = endpoint.host;
  request.headers['Content-Type'] = 'application/json';
  request.body = JSON.stringify({ query: NOTIFY, variables: { input } });
  const signer = new AWS.Signers.V4(request, 'appsync', true);
  signer.addAuthorization(AWS.config.credentials, AWS.util.date.getDate());
  const response = await fetch(endpoint.href, { method: 'POST', headers: request.headers, body: request.body });
  const body = await response.json();
  if (body.errors) console.log(body.errors);
}

async function complete(jobName) {
  const { TranscriptionJob: job } = await transcribe.getTranscriptionJob({ TranscriptionJobName: jobName }).promise();
  const owner = (job.Tags || []).find((t) => t.Key === 'notifier:owner');
  if (!owner) return;
  const input = { idempotencyKey: jobName, ownerId: owner.Value, mediaKey: job.Media.MediaFileUri, status: job.TranscriptionJobStatus };
  if (job.TranscriptionJobStatus === 'COMPLETED') {
    const [, bucket, ...key] = new URL(job.Transcript.TranscriptFileUri).pathname.split('/');
    const object = await s3.getObject({ Bucket: bucket, Key: key.join('/') }).promise();
    input.excerpt = JSON.parse(object.Body.toString()).results.transcripts[0].transcript.slice(0, 1000);
  } else input.reason = job.FailureReason;
  await notify(input);
}

exports.handler = async (event) => {
  if (event.source === 'aws.s3') {
    const key = decodeURIComponent(event.detail.object.key.replace(/\+/g, ' '));
    await transcribe
      .startTranscriptionJob({
        TranscriptionJobName: `${key.replace(/[^0-9a-zA-Z._-]/g, '_').slice(-150)}-${event.detail.object.etag}`,
        Media: { MediaFileUri: `s3://${event.detail.bucket.name}/${key}` },
        IdentifyLanguage: true,
        OutputBucketName: process.env.TRANSCRIPTS_BUCKET,
        Tags: [{ Key: 'notifier:owner', Value: key.split('/')[1] }],
      })
      .promise();
  } else if (event.source === 'aws.transcribe') {
    await complete(event.detail.TranscriptionJobName);
  } else {
    const list = await transcribe.listTranscriptionJobs({ Status: 'COMPLETED', JobNameContains: 'notifier-' }).promise();
    for (const summary of list.TranscriptionJobSummaries) await complete(summary.TranscriptionJobName);
  }
};
