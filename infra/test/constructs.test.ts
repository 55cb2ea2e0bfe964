import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { readStageConfig } from '../lib/config';
import { AppOperations } from '../lib/constructs/app-operations';
import { keysWithExtensions, objectCreatedPattern } from '../lib/constructs/event-patterns';
import { bindMutation, NotifierFunction, type GraphqlApiRef } from '../lib/constructs/notifier-function';
import { WiringError } from '../lib/errors';
import { FEATURE_FLAGS } from '../lib/feature-flags';

const API: GraphqlApiRef = {
  arn: 'arn:aws:appsync:eu-west-1:123456789012:apis/abcdefghijklmnopqrstuvwxyz',
  graphqlUrl: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql',
};

function newStack(): Stack {
  const app = new App({ context: { ...FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] } });
  return new Stack(app, 'Test');
}

function newFunction(stack: Stack, props: { api?: GraphqlApiRef; handler?: string } = {}): NotifierFunction {
  return new NotifierFunction(stack, `Fn${stack.node.children.length}`, {
    app: 'bulk-load-notice',
    handler: props.handler ?? 'handler',
    description: 'test function',
    timeout: Duration.seconds(10),
    config: readStageConfig(stack.node),
    ...(props.api ? { api: props.api } : {}),
  });
}

describe('Function: bindMutation', () => {
  it('sets GRAPHQL_URL and allows exactly that field', () => {
    // Prepare
    const stack = newStack();
    const fn = newFunction(stack, { api: API });

    // Act
    bindMutation(fn, 'notifyDatasetRefreshed');

    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { GRAPHQL_URL: API.graphqlUrl, POWERTOOLS_SERVICE_NAME: 'bulk-load-notice' } },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Action: unknown; Resource: unknown }> } } }).Properties.PolicyDocument.Statement,
    );
    expect(statements.filter((s) => s.Action === 'appsync:GraphQL')).toEqual([
      expect.objectContaining({ Resource: `${API.arn}/types/Mutation/fields/notifyDatasetRefreshed` }),
    ]);
    expect(fn.mutation).toBe('notifyDatasetRefreshed');
  });

  it('refuses a second mutation on the same role', () => {
    // Prepare
    const fn = newFunction(newStack(), { api: API });
    bindMutation(fn, 'notifyDatasetRefreshed');

    // Act + Assess
    expect(() => bindMutation(fn, 'notifyModelReady')).toThrow(WiringError);
    expect(() => bindMutation(fn, 'notifyModelReady')).toThrow(/already calls notifyDatasetRefreshed/);
  });

  it('refuses a client mutation and a function without an API', () => {
    // Prepare
    const stack = newStack();

    // Act + Assess
    expect(() => bindMutation(newFunction(stack, { api: API }), 'updateUser' as never)).toThrow(/not a backend-only Mutation/);
    expect(() => bindMutation(newFunction(stack), 'addUser')).toThrow(/has no GraphQL API/);
  });
});

describe('Class: NotifierFunction', () => {
  it('refuses a wildcard grant without a reason', () => {
    // Prepare
    const fn = newFunction(newStack());

    // Act + Assess
    expect(() => fn.allow(['rekognition:DetectLabels'], ['*'])).toThrow(/needs a reason/);
  });

  it('names the role after the app, or app-handler for multi-handler apps', () => {
    // Prepare
    const stack = newStack();

    // Act
    const single = newFunction(stack);
    const multi = new NotifierFunction(stack, 'Multi', {
      app: 'video-transcriber',
      handler: 'sweep',
      singleHandler: false,
      description: 'test',
      timeout: Duration.seconds(10),
      config: readStageConfig(stack.node),
    });

    // Assess
    expect([single.roleTag, multi.roleTag]).toEqual(['bulk-load-notice', 'video-transcriber-sweep']);
  });

  it('grants object reads on the key pattern only', () => {
    // Prepare
    const stack = newStack();
    const fn = newFunction(stack);
    const bucket = new Bucket(stack, 'Bucket');

    // Act
    fn.readObjects(bucket, '*/manifest.json', 'manifests');

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as never), 'Arn'] }, '/*/manifest.json']] },
          },
        ]),
      },
    });
  });
});

describe('Class: AppOperations', () => {
  it('creates no queue for an app that only alarms on errors', () => {
    // Prepare
    const stack = newStack();
    const ops = new AppOperations(stack, 'Ops', { app: 'post-auth', alarmTopic: new Topic(stack, 'T'), config: readStageConfig(stack.node) });

    // Act
    ops.alarmOnErrors(newFunction(stack));

    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
  });

  it('shares one dead-letter queue between every function and target of the app', () => {
    // Prepare
    const stack = newStack();
    const ops = new AppOperations(stack, 'Ops', { app: 'x', alarmTopic: new Topic(stack, 'T'), config: readStageConfig(stack.node) });

    // Act
    ops.watchAsync(newFunction(stack));
    ops.watchAsync(newFunction(stack));
    ops.target(newFunction(stack));

    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  });
});

describe('Function: keysWithExtensions', () => {
  it('matches each extension once, by a suffix that ignores case', () => {
    // Act
    const keys = keysWithExtensions(['jpg', 'PNG', 'JPG', 'Mp4']);

    // Assess
    expect(keys).toEqual([
      { suffix: { 'equals-ignore-case': '.jpg' } },
      { suffix: { 'equals-ignore-case': '.png' } },
      { suffix: { 'equals-ignore-case': '.mp4' } },
    ]);
  });
});

describe('Function: objectCreatedPattern', () => {
  it('builds the S3 Object Created pattern of one bucket', () => {
    // Act
    const pattern = objectCreatedPattern('my-bucket', [{ prefix: 'models/' }]);

    // Assess
    expect(pattern).toEqual({
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: { bucket: { name: ['my-bucket'] }, object: { key: [{ prefix: 'models/' }] } },
    });
  });
});
