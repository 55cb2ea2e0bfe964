// A model built from the schema package's build output and roles shaped like the infrastructure's,
// for tests that do not need the synthesized template.
import { readFileSync } from 'node:fs';
import { readResolversManifest, resolveDistFile, schemaPath } from '@notifier/schema/paths';
import { fieldArn, localApiId, type AppSyncModel, type RoleModel } from '../../src';

export const ACCOUNT_ID = '000000000000';
export const REGION = 'us-east-1';
export const API_ID = localApiId('FixtureApi');

function role(tag: string, roleName: string, fields: [string, string][]): RoleModel {
  return {
    logicalId: `${roleName}Resource`,
    roleName,
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}`,
    tags: { 'notifier:role': tag },
    policies: [
      {
        Version: '2012-10-17',
        Statement:
          fields.length > 0
            ? [{ Effect: 'Allow', Action: 'appsync:GraphQL', Resource: fields.map(([t, f]) => fieldArn({ region: REGION, accountId: ACCOUNT_ID, apiId: API_ID }, t, f)) }]
            : [{ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: '*' }],
      },
    ],
  };
}

export function fixtureModel(): AppSyncModel {
  const manifest = readResolversManifest();
  const functions: AppSyncModel['functions'] = [];
  const resolvers: AppSyncModel['resolvers'] = manifest.resolvers.map((r) => {
    const code = readFileSync(resolveDistFile(r.file), 'utf8');
    if (r.kind === 'PIPELINE') {
      const ids = (r.functions ?? []).map((f) => {
        const id = `${r.typeName}${r.fieldName}${f.name}`;
        functions.push({ id, name: f.name, dataSourceName: f.dataSource, code: readFileSync(resolveDistFile(f.file), 'utf8') });
        return id;
      });
      return { typeName: r.typeName, fieldName: r.fieldName, kind: 'PIPELINE', functionIds: ids, code };
    }
    return { typeName: r.typeName, fieldName: r.fieldName, kind: 'UNIT', dataSourceName: r.dataSource!, code };
  });
  return {
    apiId: API_ID,
    apiName: 'fixture',
    accountId: ACCOUNT_ID,
    region: REGION,
    schema: readFileSync(schemaPath, 'utf8'),
    dataSources: [
      { name: 'users', kind: 'AMAZON_DYNAMODB', tableName: 'Users' },
      { name: 'notifications', kind: 'AMAZON_DYNAMODB', tableName: 'Notifications' },
      { name: 'none', kind: 'NONE' },
    ],
    functions,
    resolvers,
    tables: [
      { tableName: 'Users', keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
      {
        tableName: 'Notifications',
        keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        attributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'feed', AttributeType: 'S' },
          { AttributeName: 'sortKey', AttributeType: 'S' },
        ],
        globalSecondaryIndexes: [
          {
            IndexName: 'byFeed',
            KeySchema: [
              { AttributeName: 'feed', KeyType: 'HASH' },
              { AttributeName: 'sortKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
    ],
    roles: [
      role('authRole', 'AuthRole', [
        ['Query', '*'],
        ['Subscription', '*'],
        ['Mutation', 'updateUser'],
      ]),
      role('unauthRole', 'UnauthRole', []),
      role('post-auth', 'PostAuthRole', [['Mutation', 'addUser']]),
      role('image-tagger', 'ImageTaggerRole', [['Mutation', 'notifyImageTagged']]),
      role('video-transcriber-complete', 'TranscriberCompleteRole', [['Mutation', 'notifyTranscriptReady']]),
      role('bulk-load-notice', 'BulkLoadRole', [['Mutation', 'notifyDatasetRefreshed']]),
      role('model-ready-notice', 'ModelReadyRole', [['Mutation', 'notifyModelReady']]),
    ],
  };
}
