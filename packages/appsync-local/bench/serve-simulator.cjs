// Child process of the benchmark: amplify-appsync-simulator (installed outside the workspace, path
// in argv[2]) with the VTL equivalent of the bench mutation; prints its endpoints as one JSON line,
// answers `cpu` on stdin with its CPU time so far (one JSON line), and serves until stdin closes.
/* global URL, console */
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { createInterface } = require('node:readline');

const prefix = process.argv[2];
const schemaFile = process.argv[3];
const [vtlRequest, vtlResponse] = JSON.parse(process.argv[4]);
const { AmplifyAppSyncSimulator } = require(path.join(prefix, 'node_modules/amplify-appsync-simulator'));

async function main() {
  const simulator = new AmplifyAppSyncSimulator({});
  await simulator.start();
  simulator.init({
    appSync: { name: 'bench', defaultAuthenticationType: { authenticationType: 'AWS_IAM' }, additionalAuthenticationProviders: [] },
    schema: { content: readFileSync(schemaFile, 'utf8') },
    dataSources: [{ type: 'NONE', name: 'none' }],
    resolvers: [
      { kind: 'UNIT', typeName: 'Mutation', fieldName: 'notifyModelReady', dataSourceName: 'none', requestMappingTemplate: vtlRequest, responseMappingTemplate: vtlResponse },
    ],
  });
  const port = new URL(simulator.url).port;
  process.stdout.write(`${JSON.stringify({ graphqlUrl: `http://127.0.0.1:${port}/graphql`, realtimeUrl: `ws://127.0.0.1:${port}/graphql` })}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line.trim() === 'cpu') process.stdout.write(`${JSON.stringify({ cpu: process.cpuUsage() })}\n`);
  });
  commands.on('close', () => {
    simulator.stop();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
