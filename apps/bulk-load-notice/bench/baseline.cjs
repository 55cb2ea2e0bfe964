/* global URL, console */
// Baseline for the cold-start benchmark: the same job done the original way, as in the classic
// samples: the whole aws-sdk v2 (S3 client to read the manifest, SigV4 signer for AppSync) and
// node-fetch, shipped unbundled. Installed at bench time outside the workspace.
const AWS = require('aws-sdk');
const fetch = require('node-fetch');

const s3 = new AWS.S3();
const endpoint = new URL(process.env.GRAPHQL_URL);
const NOTIFY = `mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) {
  notifyDatasetRefreshed(input: $input) { id kind createdAt }
}`;

exports.handler = async (event) => {
  let input;
  if (event.source === 'aws.s3') {
    const key = event.detail.object.key;
    const [dataset, version, file] = key.split('/');
    let recordCount = null;
    if (file === 'manifest.json') {
      const object = await s3.getObject({ Bucket: event.detail.bucket.name, Key: key }).promise();
      recordCount = JSON.parse(object.Body.toString()).recordCount;
    }
    input = { idempotencyKey: `${dataset}#${version}`, dataset, version, recordCount, completedAt: event.time };
  } else {
    const d = event.detail;
    input = { idempotencyKey: `${d.dataset}#${d.version}`, dataset: d.dataset, version: d.version, recordCount: d.recordCount, completedAt: d.completedAt };
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
