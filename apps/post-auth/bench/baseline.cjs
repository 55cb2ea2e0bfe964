/* global URL, console */
// Baseline for the cold-start benchmark: the same job done the original way, as in the classic
// "Lambda calls AppSync with IAM" samples: the whole aws-sdk v2 for its SigV4 signer and credentials,
// node-fetch for the HTTP call, shipped unbundled. Installed at bench time outside the workspace.
const AWS = require('aws-sdk');
const fetch = require('node-fetch');

const endpoint = new URL(process.env.GRAPHQL_URL);
const ADD_USER = `mutation AddUser($userId: ID!, $userDetails: AddUserInput!) {
  addUser(userId: $userId, userDetails: $userDetails) { id displayName picture locale updatedAt }
}`;

exports.handler = async (event) => {
  const a = event.request.userAttributes;
  const request = new AWS.HttpRequest(endpoint, process.env.AWS_REGION);
  request.method = 'POST';
  request.path = endpoint.pathname;
  request.headers.host = endpoint.host;
  request.headers['Content-Type'] = 'application/json';
  request.body = JSON.stringify({
    query: ADD_USER,
    variables: {
      userId: a.sub,
      userDetails: { displayName: a.name || null, picture: a.picture || null, locale: a.locale || null, email: a.email || null, phoneNumber: a.phone_number || null },
    },
  });
  const signer = new AWS.Signers.V4(request, 'appsync', true);
  signer.addAuthorization(AWS.config.credentials, AWS.util.date.getDate());
  try {
    const response = await fetch(endpoint.href, { method: 'POST', headers: request.headers, body: request.body });
    const body = await response.json();
    if (body.errors) console.log(body.errors);
  } catch (err) {
    console.log(err);
  }
  return event;
};
