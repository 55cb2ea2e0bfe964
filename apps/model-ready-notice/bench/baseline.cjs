/* global URL, console */
// Baseline for the cold-start benchmark: the same job done the original way, as in the classic
// samples: the whole aws-sdk v2 for its SigV4 signer and credentials, node-fetch for the call,
// shipped unbundled. Installed at bench time outside the workspace.
const AWS = require('aws-sdk');
const fetch = require('node-fetch');

const endpoint = new URL(process.env.GRAPHQL_URL);
const NOTIFY = `mutation NotifyModelReady($input: ModelReadyInput!) {
  notifyModelReady(input: $input) { id kind createdAt }
}`;

exports.handler = async (event) => {
  let input;
  if (event.source === 'aws.sagemaker') {
    const d = event.detail;
    if (d.TrainingJobStatus !== 'Completed') return;
    const modelName = d.Tags['notifier:model-name'];
    const version = d.Tags['notifier:model-version'];
    input = {
      idempotencyKey: `${modelName}#${version}`,
      modelName,
      version,
      artifactLocation: d.ModelArtifacts.S3ModelArtifacts,
      metrics: (d.FinalMetricDataList || []).map((m) => ({ name: m.MetricName, value: m.Value })),
    };
  } else {
    const [, modelName, version] = event.detail.object.key.split('/');
    input = {
      idempotencyKey: `${modelName}#${version}`,
      modelName,
      version,
      artifactLocation: `s3://${event.detail.bucket.name}/models/${modelName}/${version}/`,
      metrics: [],
    };
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
