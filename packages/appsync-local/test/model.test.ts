import { cloudAssemblyFromTemplates } from '@notifier/local-iam';
import { ModelLoadError, loadModelFromAssembly, modelFromCloudAssembly } from '../src';

const CODE = "export function request() { return {}; }\nexport function response(ctx) { return ctx.result; }";

function template(overrides: Record<string, unknown> = {}) {
  return {
    Resources: {
      Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'api', AuthenticationType: 'AWS_IAM' } },
      Schema: {
        Type: 'AWS::AppSync::GraphQLSchema',
        Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, Definition: 'type Query { ping: String }' },
      },
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
      },
      TableSource: {
        Type: 'AWS::AppSync::DataSource',
        Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, Name: 'things', Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: { Ref: 'Table' }, AwsRegion: { Ref: 'AWS::Region' } } },
      },
      NoneSource: { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, Name: 'none', Type: 'NONE' } },
      Fn1: {
        Type: 'AWS::AppSync::FunctionConfiguration',
        Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, Name: 'first', DataSourceName: { 'Fn::GetAtt': ['TableSource', 'Name'] }, Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' }, Code: CODE },
      },
      Ping: {
        Type: 'AWS::AppSync::Resolver',
        Properties: {
          ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] },
          TypeName: 'Query',
          FieldName: 'ping',
          Kind: 'PIPELINE',
          PipelineConfig: { Functions: [{ 'Fn::GetAtt': ['Fn1', 'FunctionId'] }] },
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          Code: CODE,
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Tags: [{ Key: 'notifier:role', Value: 'pinger' }],
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'appsync:GraphQL', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Api', 'Arn'] }, '/types/Query/fields/ping']] } }],
              },
            },
          ],
        },
      },
      ...overrides,
    },
  };
}

const options = { accountId: '111122223333', region: 'eu-west-1' };

describe('Function: modelFromCloudAssembly', () => {
  it('reads the API, data sources, pipeline functions, tables and tagged roles with intrinsics resolved', () => {
    // Act
    const model = modelFromCloudAssembly(cloudAssemblyFromTemplates({ Stack: template() }, options), options);

    // Assess
    expect(model.apiId).toMatch(/^[a-z0-9]{26}$/);
    expect(model.schema).toBe('type Query { ping: String }');
    expect(model.dataSources).toEqual([
      { name: 'things', kind: 'AMAZON_DYNAMODB', tableName: model.tables[0]!.tableName },
      { name: 'none', kind: 'NONE' },
    ]);
    expect(model.functions).toEqual([{ id: expect.any(String), name: 'first', dataSourceName: 'things', code: CODE }]);
    expect(model.resolvers).toEqual([{ typeName: 'Query', fieldName: 'ping', kind: 'PIPELINE', functionIds: [model.functions[0]!.id], code: CODE }]);
    const role = model.roles.find((r) => r.tags['notifier:role'] === 'pinger')!;
    expect(JSON.stringify(role.policies)).toContain(`arn:aws:appsync:eu-west-1:111122223333:apis/${model.apiId}/types/Query/fields/ping`);
  });

  it('refuses a VTL resolver with a clear error', () => {
    // Prepare
    const vtl = template({
      Ping: {
        Type: 'AWS::AppSync::Resolver',
        Properties: { ApiId: { 'Fn::GetAtt': ['Api', 'ApiId'] }, TypeName: 'Query', FieldName: 'ping', DataSourceName: 'none', RequestMappingTemplate: '{}' },
      },
    });

    // Act / Assess
    expect(() => modelFromCloudAssembly(cloudAssemblyFromTemplates({ Stack: vtl }, options), options)).toThrow(new ModelLoadError('Resolver Query.ping: only APPSYNC_JS resolvers run locally (got VTL)'));
  });

  it('refuses an assembly without a GraphQL API', () => {
    // Act / Assess
    expect(() => modelFromCloudAssembly(cloudAssemblyFromTemplates({ Stack: { Resources: {} } }, options), options)).toThrow('Expected exactly one AWS::AppSync::GraphQLApi');
  });
});

describe('Function: loadModelFromAssembly', () => {
  it('says what to do when the directory is not a cloud assembly', async () => {
    // Act / Assess
    await expect(loadModelFromAssembly('/nonexistent/cdk.out', options)).rejects.toThrow('synthesize the infrastructure first');
  });
});
