/* global URL, console */
// Baseline for the cold-start benchmark: the same job done the original way, as in the classic samples
// (aws-cdk-examples rekognition-lambda-s3-trigger): the whole aws-sdk v2 for S3, Rekognition and the SigV4
// signer, node-fetch for the AppSync call, shipped unbundled. Installed at bench time outside the workspace.
const AWS = require('aws-sdk');
const fetch = require('node-fetch');

const s3 = new AWS.S3();
const rekognition = new AWS.Rekognition();
const endpoint = new URL(process.env.GRAPHQL_URL);
const NOTIFY = `mutation NotifyImageTagged($input: ImageTaggedInput!) {
  notifyImageTagged(input: $input) { id kind createdAt }
}`;

exports.handler = async (event) => {
  const bucket = event.detail.bucket.name;
  const key = decodeURIComponent(event.detail.object.key.replace(/\+/g, ' '));
  const owner = key.split('/')[1];
  const head = await s3.headObject({ Bucket: bucket, Key: key }).promise();
  let input = { idempotencyKey: `${bucket}/${key}#${event.detail.object.etag}`, ownerId: owner, bucket, key, labels: [] };
  if (head.ContentLength > 15 * 1024 * 1024) input = { ...input, status: 'SKIPPED', reason: 'too large' };
  else {
    const labels = await rekognition.detectLabels({ Image: { S3Object: { Bucket: bucket, Name: key } }, MaxLabels: 10, MinConfidence: 70 }).promise();
    input = { ...input, status: 'TAGGED', labels: labels.Labels.map((l) => ({ name: l.Name, confidence: l.Confidence })) };
  }
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
};
