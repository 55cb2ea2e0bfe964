import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  TemplateResolutionError,
  cloudAssemblyFromTemplates,
  evaluate,
  loadCloudAssembly,
  roleIdFor,
  type Template,
} from '../src';

const FIXTURE = path.join(__dirname, 'fixtures', 'cloud-assembly');
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const API_ID = 'localapi0000000000000000000';
const load = (extra: Partial<Parameters<typeof loadCloudAssembly>[1]> = {}) =>
  loadCloudAssembly(FIXTURE, { accountId: ACCOUNT, region: REGION, apiIds: { ApiF70053CD: API_ID }, ...extra });
const field = (type: string, name: string) => `arn:aws:appsync:${REGION}:${ACCOUNT}:apis/${API_ID}/types/${type}/fields/${name}`;

describe('Function: loadCloudAssembly', () => {
  it('reads every stack named in manifest.json', () => {
    // Prepare / Act
    const assembly = load();

    // Assess
    expect(assembly.stackNames()).toEqual(['Notifier-dev-Api', 'Notifier-dev-ImageTagger']);
  });

  it("resolves a role's DefaultPolicy across stacks through Fn::ImportValue", () => {
    // Prepare
    const assembly = load();

    // Act
    const role = assembly.roleByTag('notifier:role', 'image-tagger');

    // Assess
    expect(role).toBeDefined();
    expect(role?.stackName).toBe('Notifier-dev-ImageTagger');
    expect(role?.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${role?.roleName}`);
    expect(role?.roleName.length).toBeLessThanOrEqual(64);
    expect(role?.tags).toEqual({ 'notifier:app': 'image-tagger', 'notifier:handler': 'handler', 'notifier:role': 'image-tagger', 'notifier:stage': 'dev' });
    expect(role?.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(role?.policies).toHaveLength(1);
    expect(role?.policies[0]?.Statement).toEqual([
      { Action: 'appsync:GraphQL', Effect: 'Allow', Resource: field('Mutation', 'notifyImageTagged') },
      { Action: ['rekognition:DetectLabels'], Effect: 'Allow', Resource: '*' },
      { Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], Effect: 'Allow', Resource: ['arn:aws:s3:::images'] },
    ]);
  });

  it('lets the resolved policies drive evaluation per field', () => {
    // Prepare
    const assembly = load();
    const tagger = assembly.roleByTag('notifier:role', 'image-tagger');
    const auth = assembly.roleByTag('notifier:role', 'authRole');
    const unauth = assembly.roleByTag('notifier:role', 'unauthRole');
    const decide = (policies: NonNullable<typeof tagger>['policies'], resource: string) =>
      evaluate({ policies, action: 'appsync:GraphQL', resource }).decision;

    // Act
    const table = {
      taggerOwnField: decide(tagger!.policies, field('Mutation', 'notifyImageTagged')),
      taggerOtherField: decide(tagger!.policies, field('Mutation', 'notifyModelReady')),
      authMe: decide(auth!.policies, field('Query', 'me')),
      authSubscription: decide(auth!.policies, field('Subscription', 'onNotification')),
      authMutation: decide(auth!.policies, field('Mutation', 'notifyImageTagged')),
      unauthMutation: decide(unauth!.policies, field('Mutation', 'addUser')),
    };

    // Assess
    expect(table).toEqual({
      taggerOwnField: 'Allow',
      taggerOtherField: 'ImplicitDeny',
      authMe: 'Allow',
      authSubscription: 'Allow',
      authMutation: 'ImplicitDeny',
      unauthMutation: 'ExplicitDeny',
    });
  });

  it('attaches a customer managed policy by its Roles and resolves an explicit RoleName', () => {
    // Prepare
    const assembly = load();

    // Act
    const unauth = assembly.roleByTag('notifier:role', 'unauthRole');

    // Assess
    expect(unauth?.roleName).toBe('Notifier-dev-Api-unauth');
    expect(unauth?.policies[0]?.Statement).toEqual([
      { Action: 'appsync:GraphQL', Effect: 'Deny', Resource: `arn:aws:appsync:${REGION}:${ACCOUNT}:apis/${API_ID}/types/Mutation/*` },
    ]);
  });

  it('resolves conditions inside trust policies and the identity pool id', () => {
    // Prepare
    const assembly = load();

    // Act
    const auth = assembly.roleByTag('notifier:role', 'authRole');
    const poolId = assembly.ref('Notifier-dev-Api', 'IdentityPool');

    // Assess
    expect(poolId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(auth?.assumeRolePolicy?.Statement).toEqual([
      expect.objectContaining({ Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }),
    ]);
  });

  it('gives AppSync, DynamoDB, Lambda, SQS and S3 deterministic local physical ids', () => {
    // Prepare
    const a = load();
    const b = load();

    // Act
    const api = 'Notifier-dev-Api';
    const app = 'Notifier-dev-ImageTagger';
    const values = {
      apiArn: a.ref(api, 'ApiF70053CD'),
      graphqlUrl: a.getAtt(api, 'ApiF70053CD', 'GraphQLUrl'),
      usersTable: a.ref(api, 'UsersTable9725E9C8'),
      notificationsTable: a.ref(api, 'NotificationsTable2B0C1D4E'),
      functionArn: a.getAtt(app, 'ImageTaggerFunction5A3B1C2D', 'Arn'),
      queueUrl: a.ref(app, 'DeadLetterQueue'),
      bucket: a.ref(app, 'UploadsBucket'),
    };

    // Assess
    expect(values.apiArn).toBe(`arn:aws:appsync:${REGION}:${ACCOUNT}:apis/${API_ID}`);
    expect(values.graphqlUrl).toBe(`https://${API_ID}.appsync-api.${REGION}.amazonaws.com/graphql`);
    expect(values.usersTable).toMatch(/^Notifier-dev-Api-UsersTable9725E9C8-[A-Z0-9]{12}$/);
    expect(values.notificationsTable).toBe('notifier-dev-notifications');
    expect(values.functionArn).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:Notifier-dev-ImageTagger-ImageTagg[\w-]*$/);
    expect(values.queueUrl).toMatch(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/000000000000\/Notifier-dev-ImageTagger-DeadLetterQueue-[A-Z0-9]{12}$/);
    expect(values.bucket).toMatch(/^[a-z0-9.-]{3,63}$/);
    expect(b.ref(api, 'UsersTable9725E9C8')).toBe(values.usersTable);
    expect(a.getAtt(app, 'ImageTaggerFunctionServiceRole3F2A1B0C', 'RoleId')).toBe(roleIdFor(String(a.getAtt(app, 'ImageTaggerFunctionServiceRole3F2A1B0C', 'Arn'))));
  });

  it('resolves resources of a type with their properties', () => {
    // Prepare
    const assembly = load();

    // Act
    const [fn] = assembly.resources('AWS::Lambda::Function');
    const [resolver] = assembly.resources('AWS::AppSync::Resolver');
    const [source] = assembly.resources('AWS::AppSync::DataSource');

    // Assess
    expect(fn?.properties.Environment).toEqual({
      Variables: {
        GRAPHQL_URL: `https://${API_ID}.appsync-api.${REGION}.amazonaws.com/graphql`,
        POWERTOOLS_SERVICE_NAME: 'image-tagger',
        STAGE: 'dev',
        AZ: 'us-east-1a',
      },
    });
    expect(resolver?.properties).toEqual(expect.objectContaining({ ApiId: API_ID, TypeName: 'Mutation', FieldName: 'addUser', DataSourceName: 'users' }));
    expect(resolver?.ref).toBe(`arn:aws:appsync:${REGION}:${ACCOUNT}:apis/${API_ID}/types/Mutation/resolvers/addUser`);
    expect(source?.properties.DynamoDBConfig).toEqual({ AwsRegion: REGION, TableName: assembly.ref('Notifier-dev-Api', 'UsersTable9725E9C8') });
  });

  it('leaves out resources and outputs whose Condition is false and keeps those whose Condition holds', () => {
    // Prepare
    const dev = load();
    const prod = load({ parameters: { Stage: 'prod' } });

    // Act / Assess
    expect(dev.resources('AWS::SNS::Topic')).toEqual([]);
    expect(prod.resources('AWS::SNS::Topic')).toHaveLength(1);
    expect(dev.outputs('Notifier-dev-ImageTagger').ProdTopicArn).toBeUndefined();
    expect(prod.outputs('Notifier-dev-ImageTagger').ProdTopicArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:/);
    expect(dev.resources('AWS::CDK::Metadata')).toHaveLength(1);
    expect(load({ region: 'eu-west-1' }).resources('AWS::CDK::Metadata')).toEqual([]);
    expect(prod.roleByTag('notifier:role', 'image-tagger')?.policies[0]?.Statement).toContainEqual(
      expect.objectContaining({ Resource: ['arn:aws:s3:::images', `arn:aws:s3:::${prod.ref('Notifier-dev-ImageTagger', 'UploadsBucket')}`] }),
    );
  });

  it('resolves outputs, including Fn::Sub export names', () => {
    // Prepare
    const assembly = load();

    // Act
    const outputs = assembly.outputs('Notifier-dev-Api');

    // Assess
    expect(outputs.GraphqlUrl).toBe(`https://${API_ID}.appsync-api.${REGION}.amazonaws.com/graphql`);
    expect(outputs.ApiId).toBe(API_ID);
  });

  it('applies overrides to Ref and Fn::GetAtt', () => {
    // Prepare
    const assembly = load({ overrides: { 'Notifier-dev-Api/ApiF70053CD.GraphQLUrl': 'http://127.0.0.1:4000/graphql', 'Notifier-dev-Api/UsersTable9725E9C8': 'Users' } });

    // Act
    const [fn] = assembly.resources('AWS::Lambda::Function');
    const [source] = assembly.resources('AWS::AppSync::DataSource');

    // Assess
    expect((fn?.properties.Environment as { Variables: Record<string, string> }).Variables.GRAPHQL_URL).toBe('http://127.0.0.1:4000/graphql');
    expect(source?.properties.DynamoDBConfig).toEqual({ AwsRegion: REGION, TableName: 'Users' });
  });

  it('finds a file asset from its resolved S3 location', () => {
    // Prepare
    const assembly = load();
    const [schema] = assembly.resources('AWS::AppSync::GraphQLSchema');

    // Act
    const file = assembly.assetPath(String(schema?.properties.DefinitionS3Location));

    // Assess
    expect(schema?.properties.DefinitionS3Location).toBe(`s3://cdk-hnb659fds-assets-${ACCOUNT}-${REGION}/4b1e2f0c9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c.graphql`);
    expect(readFileSync(file, 'utf8')).toBe('type Query { me: String }\n');
  });

  it('resolves arbitrary values for callers with resolve()', () => {
    // Prepare
    const assembly = load();

    // Act
    const value = assembly.resolve({ url: { 'Fn::Sub': '${ApiF70053CD.GraphQLUrl}?stack=${AWS::StackName}&literal=${!Keep}' }, list: [{ Ref: 'AWS::NoValue' }, 'x'] }, 'Notifier-dev-Api');

    // Assess
    expect(value).toEqual({ url: `https://${API_ID}.appsync-api.${REGION}.amazonaws.com/graphql?stack=Notifier-dev-Api&literal=\${Keep}`, list: ['x'] });
  });

  it('reports a missing cloud assembly clearly', () => {
    // Prepare / Act
    const act = () => loadCloudAssembly(path.join(FIXTURE, 'nope'), { accountId: ACCOUNT, region: REGION });

    // Assess
    expect(act).toThrow(TemplateResolutionError);
    expect(act).toThrow(/no manifest\.json in/);
  });
});

describe('Function: cloudAssemblyFromTemplates', () => {
  const base = (resources: Template['Resources'], extra: Partial<Template> = {}): Record<string, Template> => ({ S: { Resources: resources, ...extra } });
  const opts = { accountId: ACCOUNT, region: REGION };

  const failures: Array<[string, Record<string, Template>, () => unknown, RegExp]> = [];
  const add = (name: string, templates: Record<string, Template>, act: (a: ReturnType<typeof cloudAssemblyFromTemplates>) => unknown, message: RegExp) =>
    failures.push([name, templates, () => act(cloudAssemblyFromTemplates(templates, opts)), message]);
  add('an unknown import', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': 'Other:Missing' } } } }), (a) => a.resources('AWS::SNS::Topic'), /^S\/R Properties\.DisplayName\.Fn::ImportValue: Fn::ImportValue 'Other:Missing' is not exported by any stack$/);
  add('a Ref to nothing', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Ghost' } } } }), (a) => a.resources('AWS::SNS::Topic'), /^S\/R Properties\.DisplayName\.Ref: Ref to 'Ghost', which is neither/);
  add('an unavailable attribute', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['C', 'Secret'] } } }, C: { Type: 'Custom::Thing' } }), (a) => a.resources('AWS::SNS::Topic'), /Fn::GetAtt C\.Secret is not available locally for Custom::Thing/);
  add('an unsupported intrinsic', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Transform': {} } } } }), (a) => a.resources('AWS::SNS::Topic'), /intrinsic function 'Fn::Transform' is not supported locally/);
  add('an out-of-range Fn::Select', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Select': [3, ['a']] } } } }), (a) => a.resources('AWS::SNS::Topic'), /Fn::Select index 3 is out of range for 1 values/);
  add('a parameter without a value', base({ R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'P' } } } }, { Parameters: { P: { Type: 'String' } } }), (a) => a.resources('AWS::SNS::Topic'), /parameter 'P' has no Default/);
  add('an undefined condition', base({ R: { Type: 'AWS::SNS::Topic', Condition: 'Nope' } }), (a) => a.resources('AWS::SNS::Topic'), /condition 'Nope' is not defined/);
  add('a role tag carried twice', base({
    A: { Type: 'AWS::IAM::Role', Properties: { Tags: [{ Key: 'notifier:role', Value: 'x' }] } },
    B: { Type: 'AWS::IAM::Role', Properties: { Tags: [{ Key: 'notifier:role', Value: 'x' }] } },
  }), (a) => a.roleByTag('notifier:role', 'x'), /2 roles carry tag notifier:role=x: S\/A, S\/B/);

  it.each(failures)('names the stack, logical id and property for %s', (_name, _templates, act, message) => {
    // Prepare / Act / Assess
    expect(act).toThrow(TemplateResolutionError);
    expect(act).toThrow(message);
  });

  it('resolves an import whose export is defined with Fn::Sub in another stack', () => {
    // Prepare
    const templates: Record<string, Template> = {
      Producer: { Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'users' } } }, Outputs: { O: { Value: { 'Fn::GetAtt': ['T', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-TableArn' } } } } },
      Consumer: { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'table', Value: { 'Fn::ImportValue': 'Producer-TableArn' } }] } } } },
    };

    // Act
    const [queue] = cloudAssemblyFromTemplates(templates, opts).resources('AWS::SQS::Queue');

    // Assess
    expect(queue?.properties.Tags).toEqual([{ Key: 'table', Value: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/users` }]);
  });
});
