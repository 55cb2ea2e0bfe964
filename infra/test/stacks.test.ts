import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readResolversManifest, readSchemaWithAppSyncDeclarations, resolveDistFile, schemaPath } from '@notifier/schema/paths';
import { STACK_PARTS } from '../lib/names';
import { render, resourcesOf, synthesizeNotifier, tagValue, type CfnResourceJson, type SynthesizedNotifier } from './support/synth';

const WEB_ORIGIN = 'https://app.example.com';
let dev: SynthesizedNotifier;

beforeAll(() => {
  dev = synthesizeNotifier({ webOrigins: `${WEB_ORIGIN},http://localhost:5173`, alarmEmail: 'ops@example.com' });
});
afterAll(() => dev.cleanup());

const template = (part: (typeof STACK_PARTS)[number]): Template => {
  const found = dev.templates[`Notifier-dev-${part}`];
  if (!found) throw new Error(`no stack ${part}`);
  return found;
};

interface FoundFunction {
  readonly part: (typeof STACK_PARTS)[number];
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
}

/** The function tagged with this app and handler. */
function findFunction(app: string, handler: string): FoundFunction {
  const found: FoundFunction[] = [];
  for (const part of STACK_PARTS) {
    for (const [logicalId, resource] of Object.entries(resourcesOf(template(part), 'AWS::Lambda::Function'))) {
      if (tagValue(resource, 'notifier:app') === app && tagValue(resource, 'notifier:handler') === handler) {
        found.push({ part, logicalId, resource });
      }
    }
  }
  if (found.length !== 1) throw new Error(`expected one function ${app}/${handler}, found ${found.length}`);
  return found[0] as FoundFunction;
}

const FUNCTIONS = [
  { app: 'post-auth', handler: 'handler', part: 'Auth', mutation: true },
  { app: 'image-tagger', handler: 'handler', part: 'ImageTagger', mutation: true },
  { app: 'video-transcriber', handler: 'start', part: 'VideoTranscriber', mutation: false },
  { app: 'video-transcriber', handler: 'complete', part: 'VideoTranscriber', mutation: true },
  { app: 'video-transcriber', handler: 'sweep', part: 'VideoTranscriber', mutation: true },
  { app: 'bulk-load-notice', handler: 'handler', part: 'BulkLoadNotice', mutation: true },
  { app: 'model-ready-notice', handler: 'handler', part: 'ModelReadyNotice', mutation: true },
] as const;

describe('Function: createNotifierStacks', () => {
  it('creates one stack per part, named by stage', () => {
    // Act
    const names = Object.keys(dev.templates).sort();

    // Assess
    expect(names).toEqual(STACK_PARTS.map((part) => `Notifier-dev-${part}`).sort());
  });

  it('synthesizes without any cdk-nag AwsSolutions finding left unacknowledged', () => {
    // Act
    const report = new AwsSolutionsChecks(dev.app).validateScope(dev.app);

    // Assess
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives every acknowledgment a reason', () => {
    // Prepare
    const reasons: Array<[string, string]> = [];

    // Act
    const visit = (node: typeof dev.app.node): void => {
      for (const entry of node.metadata) {
        if (entry.type === 'aws:cdk:acknowledged-rules') {
          for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) reasons.push([id, String(reason)]);
        }
      }
      for (const child of node.children) visit(child.node);
    };
    visit(dev.app.node);

    // Assess
    expect(reasons.length).toBeGreaterThan(10);
    for (const [id, reason] of reasons) {
      expect(id).toMatch(/AwsSolutions-[A-Z]+[0-9]+/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('has cdk-nag report what is not acknowledged (the check is live)', () => {
    // Prepare
    const app = new App();
    new Bucket(new Stack(app, 'Unchecked'), 'Bare');
    app.synth();

    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('leaves no error annotation on any stack', () => {
    // Act
    const assembly = dev.app.synth();
    const errors = assembly.stacks.flatMap((stack) => stack.messages.filter((m) => m.level === 'error').map((m) => `${m.id}: ${String(m.entry.data)}`));

    // Assess
    expect(assembly.stacks).toHaveLength(STACK_PARTS.length);
    expect(errors).toEqual([]);
  });
});

describe('Storage stack', () => {
  const buckets = () => resourcesOf(template('Storage'), 'AWS::S3::Bucket');
  const eventBuckets = () => Object.entries(buckets()).filter(([, b]) => tagValue(b, 'notifier:bucket') !== undefined);

  it('sends the events of uploads, transcripts, data and models to EventBridge', () => {
    // Act
    const tagged = eventBuckets().map(([, b]) => tagValue(b, 'notifier:bucket')).sort();

    // Assess
    expect(tagged).toEqual(['data', 'models', 'transcripts', 'uploads']);
    for (const [, bucket] of eventBuckets()) {
      expect(bucket.Properties?.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    }
    expect(template('Storage').findResources('Custom::S3BucketNotifications')).toEqual({});
  });

  it('blocks public access, encrypts, logs access and keeps lifecycle rules on every bucket', () => {
    for (const [id, bucket] of eventBuckets()) {
      // Act
      const props = bucket.Properties ?? {};

      // Assess
      expect({ id, block: props.PublicAccessBlockConfiguration }).toEqual({
        id,
        block: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
      expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
      expect(props.LoggingConfiguration).toEqual(expect.objectContaining({ DestinationBucketName: expect.anything() }));
      expect((props.LifecycleConfiguration as { Rules: unknown[] }).Rules.length).toBeGreaterThan(0);
    }
  });

  it('refuses requests without TLS on every bucket', () => {
    // Prepare
    const policies = Object.values(resourcesOf(template('Storage'), 'AWS::S3::BucketPolicy'));

    // Act
    const tlsDenied = policies
      .filter((policy) =>
        ((policy.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement ?? []).some(
          (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('"aws:SecureTransport":"false"'),
        ),
      )
      .map((policy) => render(policy.Properties?.Bucket));

    // Assess
    expect(tlsDenied.sort()).toEqual(Object.keys(buckets()).map((id) => `<Ref:${id}>`).sort());
  });

  it('refuses to create objects outside private/ in the uploads bucket, whoever asks', () => {
    // Prepare
    const uploadsId = eventBuckets().find(([, b]) => tagValue(b, 'notifier:bucket') === 'uploads')?.[0];
    const policy = Object.values(resourcesOf(template('Storage'), 'AWS::S3::BucketPolicy')).find(
      (p) => render(p.Properties?.Bucket) === `<Ref:${uploadsId}>`,
    );

    // Act
    const statements = (policy?.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const ownerFolders = statements.filter((s) => s.Sid === 'OwnerFoldersOnly');

    // Assess
    expect(ownerFolders.map((s) => ({ ...s, NotResource: render(s.NotResource) }))).toEqual([
      {
        Sid: 'OwnerFoldersOnly',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['s3:PutObject', 's3:ReplicateObject'],
        NotResource: `<GetAtt:${uploadsId}.Arn>/private/*`,
      },
    ]);
    const others = Object.values(resourcesOf(template('Storage'), 'AWS::S3::BucketPolicy')).filter((p) => p !== policy);
    for (const other of others) expect(JSON.stringify(other.Properties?.PolicyDocument)).not.toContain('OwnerFoldersOnly');
  });

  it('allows the web origins from context in the uploads CORS rules', () => {
    // Prepare
    const uploads = eventBuckets().find(([, b]) => tagValue(b, 'notifier:bucket') === 'uploads')?.[1];

    // Act
    const cors = (uploads?.Properties?.CorsConfiguration as { CorsRules: Array<Record<string, unknown>> }).CorsRules;

    // Assess
    expect(cors).toEqual([
      expect.objectContaining({
        AllowedOrigins: [WEB_ORIGIN, 'http://localhost:5173'],
        AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST'],
        ExposedHeaders: expect.arrayContaining(['ETag']),
      }),
    ]);
  });

  it('destroys dev buckets and their objects on teardown', () => {
    // Act
    const policies = Object.values(buckets()).map((b) => b.DeletionPolicy);

    // Assess
    expect(new Set(policies)).toEqual(new Set(['Delete']));
    expect(Object.keys(template('Storage').findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(Object.keys(buckets()).length);
  });

  it('outputs every bucket name', () => {
    // Act
    const outputs = Object.keys(template('Storage').findOutputs('*'));

    // Assess
    expect(outputs).toEqual(
      expect.arrayContaining(['UploadsBucketName', 'TranscriptsBucketName', 'DataBucketName', 'ModelsBucketName', 'AccessLogsBucketName']),
    );
  });
});

describe('Api stack', () => {
  it('serves the schema file through an AWS_IAM-only API with logging and X-Ray', () => {
    // Prepare
    const api = template('Api');

    // Act + Assess
    api.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AWS_IAM',
      AdditionalAuthenticationProviders: Match.absent(),
      XrayEnabled: true,
      LogConfig: { CloudWatchLogsRoleArn: Match.anyValue(), FieldLogLevel: 'ALL', ExcludeVerboseContent: false },
    });
    api.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: readFileSync(schemaPath, 'utf8') });
    api.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiId'] }]] },
      RetentionInDays: 7,
    });
    expect(api.findResources('Custom::LogRetention')).toEqual({});
  });

  it('keeps users and notifications in tables with PITR, encryption, TTL and the byFeed index', () => {
    // Prepare
    const api = template('Api');

    // Act + Assess
    api.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    api.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byFeed',
          KeySchema: [
            { AttributeName: 'feed', KeyType: 'HASH' },
            { AttributeName: 'sortKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('names the data sources users, notifications and none', () => {
    // Act
    const sources = Object.values(resourcesOf(template('Api'), 'AWS::AppSync::DataSource')).map((ds) => [
      ds.Properties?.Name,
      ds.Properties?.Type,
    ]);

    // Assess
    expect(sources.sort()).toEqual([
      ['none', 'NONE'],
      ['notifications', 'AMAZON_DYNAMODB'],
      ['users', 'AMAZON_DYNAMODB'],
    ]);
  });

  it('creates one APPSYNC_JS resolver per manifest entry, its bundled code inline', () => {
    // Prepare
    const manifest = readResolversManifest();
    const resolvers = Object.values(resourcesOf(template('Api'), 'AWS::AppSync::Resolver'));
    const functions = Object.entries(resourcesOf(template('Api'), 'AWS::AppSync::FunctionConfiguration'));

    // Act
    const byField = new Map(resolvers.map((r) => [`${String(r.Properties?.TypeName)}.${String(r.Properties?.FieldName)}`, r.Properties ?? {}]));

    // Assess
    expect(byField.size).toBe(manifest.resolvers.length);
    for (const entry of manifest.resolvers) {
      const props = byField.get(`${entry.typeName}.${entry.fieldName}`);
      expect(props).toBeDefined();
      expect(props?.Kind).toBe(entry.kind);
      expect(props?.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(props?.Code).toBe(readFileSync(resolveDistFile(entry.file), 'utf8'));
      if (entry.kind === 'UNIT') expect(props?.DataSourceName).toBe(entry.dataSource);
      else {
        const ids = (props?.PipelineConfig as { Functions: Array<{ 'Fn::GetAtt': [string, string] }> }).Functions.map((f) => f['Fn::GetAtt'][0]);
        const names = ids.map((id) => functions.find(([logicalId]) => logicalId === id)?.[1].Properties?.Name);
        expect(names).toEqual(entry.functions?.map((f) => f.name));
        for (const f of entry.functions ?? []) {
          const fn = functions.find(([, r]) => r.Properties?.Name === f.name)?.[1].Properties;
          expect(fn?.Code).toBe(readFileSync(resolveDistFile(f.file), 'utf8'));
          expect(fn?.DataSourceName).toBe(f.dataSource);
        }
      }
    }
  });

  it('resolves every query and mutation of the schema', () => {
    // Prepare
    const schema = buildASTSchema(parse(readSchemaWithAppSyncDeclarations()));
    const resolved = new Set(
      Object.values(resourcesOf(template('Api'), 'AWS::AppSync::Resolver')).map((r) => `${String(r.Properties?.TypeName)}.${String(r.Properties?.FieldName)}`),
    );

    // Act
    const fields = (['Query', 'Mutation'] as const).flatMap((type) =>
      Object.keys((schema.getType(type) as { getFields(): object }).getFields()).map((f) => `${type}.${f}`),
    );

    // Assess
    expect(fields.filter((field) => !resolved.has(field))).toEqual([]);
  });

  it('publishes alarms to a TLS-only topic with the email from context', () => {
    // Prepare
    const api = template('Api');

    // Act + Assess
    api.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('outputs the endpoint and ids', () => {
    expect(Object.keys(template('Api').findOutputs('*'))).toEqual(
      expect.arrayContaining(['GraphqlUrl', 'RealtimeUrl', 'ApiId', 'ApiArn', 'UsersTableName', 'NotificationsTableName', 'AlarmTopicArn']),
    );
  });
});

describe('Auth stack', () => {
  it('signs in by verified email with a strong password policy', () => {
    template('Auth').hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true })]),
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('offers the web client SRP and USER_PASSWORD_AUTH without a secret', () => {
    template('Auth').hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('runs post-auth as the pool PostAuthentication trigger, invocable by this pool only', () => {
    // Prepare
    const fn = findFunction('post-auth', 'handler');
    const auth = dev.stacks.auth;
    const poolId = auth.getLogicalId(auth.userPool.node.defaultChild as never);

    // Act + Assess
    expect(fn.part).toBe('Auth');
    template('Auth').hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PostAuthentication: { 'Fn::GetAtt': [fn.logicalId, 'Arn'] } },
    });
    template('Auth').hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fn.logicalId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    expect(template('Auth').findResources('Custom::AWS')).toEqual({});
  });

  it('outputs pool, client, identity pool and role identifiers', () => {
    expect(Object.keys(template('Auth').findOutputs('*'))).toEqual(
      expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'IdentityPoolId', 'AuthRoleArn', 'UnauthRoleArn', 'PostAuthRoleArn']),
    );
  });
});

describe('Functions', () => {
  it.each(FUNCTIONS)('bundles $app/$handler as an arm64 Node.js 24 function with tracing and its own log group', ({ app, handler, part }) => {
    // Prepare
    const fn = findFunction(app, handler);

    // Act
    const props = fn.resource.Properties ?? {};
    const logGroupId = render((props.LoggingConfig as { LogGroup: unknown }).LogGroup).replace(/^<Ref:(.*)>$/, '$1');

    // Assess
    expect(fn.part).toBe(part);
    expect(props).toEqual(
      expect.objectContaining({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', TracingConfig: { Mode: 'Active' } }),
    );
    expect(resourcesOf(template(part), 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays).toBe(7);
  });

  it.each(FUNCTIONS)('sets the environment of $app/$handler', ({ app, handler, mutation }) => {
    // Prepare
    const fn = findFunction(app, handler);
    const apiLogicalId = dev.stacks.api.getLogicalId(dev.stacks.api.api.node.defaultChild as never);

    // Act
    const env = ((fn.resource.Properties?.Environment as { Variables: Record<string, unknown> }).Variables ?? {}) as Record<string, unknown>;

    // Assess
    expect(env.POWERTOOLS_SERVICE_NAME).toBe(app);
    expect(env.LOG_LEVEL).toBe('INFO');
    if (mutation) {
      expect(render(env.GRAPHQL_URL)).toMatch(new RegExp(`^<ImportValue:Notifier-dev-Api:ExportsOutputFnGetAtt${apiLogicalId}GraphQLUrl[0-9A-F]{8}>$`));
    } else {
      expect(env.GRAPHQL_URL).toBeUndefined();
    }
  });

  it('configures DetectLabels and the transcripts bucket by environment', () => {
    // Prepare
    const tagger = findFunction('image-tagger', 'handler').resource.Properties?.Environment as { Variables: Record<string, unknown> };
    const start = findFunction('video-transcriber', 'start').resource.Properties?.Environment as { Variables: Record<string, unknown> };
    const storage = dev.stacks.storage;
    const transcripts = storage.getLogicalId(storage.transcripts.node.defaultChild as never);

    // Assess
    expect(tagger.Variables).toEqual(expect.objectContaining({ MAX_LABELS: '10', MIN_CONFIDENCE: '75' }));
    expect(render(start.Variables.TRANSCRIPTS_BUCKET)).toMatch(new RegExp(`^<ImportValue:Notifier-dev-Storage:ExportsOutputRef${transcripts}[0-9A-F]{8}>$`));
  });

  it.each(FUNCTIONS)('tags $app/$handler and its role for tools mapping roles to apps', ({ app, handler }) => {
    // Prepare
    const fn = findFunction(app, handler);
    const roleId = render(fn.resource.Properties?.Role).replace(/^<GetAtt:(.*)\.Arn>$/, '$1');
    const role = resourcesOf(template(fn.part), 'AWS::IAM::Role')[roleId];
    const roleTag = app === 'video-transcriber' ? `${app}-${handler}` : app;

    // Assess
    expect([tagValue(fn.resource, 'notifier:app'), tagValue(fn.resource, 'notifier:handler')]).toEqual([app, handler]);
    expect(role && [tagValue(role, 'notifier:app'), tagValue(role, 'notifier:handler'), tagValue(role, 'notifier:role')]).toEqual([app, handler, roleTag]);
  });
});

describe('Event routing and reliability', () => {
  interface RuleJson {
    EventPattern?: Record<string, unknown>;
    ScheduleExpression?: string;
    Targets: Array<{ Arn: unknown; DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: unknown }>;
  }
  const rules = (part: (typeof STACK_PARTS)[number]) =>
    Object.values(resourcesOf(template(part), 'AWS::Events::Rule')).map((r) => r.Properties as unknown as RuleJson);
  const queueOf = (part: (typeof STACK_PARTS)[number]) => {
    const ids = Object.keys(resourcesOf(template(part), 'AWS::SQS::Queue'));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const bucketName = (bucket: 'uploads' | 'transcripts' | 'data' | 'models') => {
    const storage = dev.stacks.storage;
    const id = storage.getLogicalId(storage[bucket].node.defaultChild as never);
    return expect.stringMatching(new RegExp(`^<ImportValue:Notifier-dev-Storage:ExportsOutputRef${id}[0-9A-F]{8}>$`));
  };
  const targetOf = (part: (typeof STACK_PARTS)[number], rule: RuleJson) => {
    expect(rule.Targets).toHaveLength(1);
    const target = rule.Targets[0]!;
    expect(render(target.DeadLetterConfig?.Arn)).toBe(`<GetAtt:${queueOf(part)}.Arn>`);
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 });
    return render(target.Arn);
  };
  const arnOf = (app: string, handler: string) => `<GetAtt:${findFunction(app, handler).logicalId}.Arn>`;
  const keyPatterns = (rule: RuleJson) => ((rule.EventPattern?.detail as { object: { key: unknown[] } }).object.key);
  const s3Rule = (rule: RuleJson) => ({
    source: rule.EventPattern?.source,
    detailType: rule.EventPattern?.['detail-type'],
    bucket: render(((rule.EventPattern?.detail as { bucket: { name: unknown[] } }).bucket.name)[0]),
  });

  const anyCase = (extensions: string[]) => extensions.map((ext) => ({ suffix: { 'equals-ignore-case': `.${ext}` } }));

  it('routes image uploads to the image-tagger whatever the case of their extension', () => {
    // Prepare
    const [rule, ...others] = rules('ImageTagger');

    // Assess
    expect(others).toEqual([]);
    expect(s3Rule(rule!)).toEqual({ source: ['aws.s3'], detailType: ['Object Created'], bucket: bucketName('uploads') });
    expect(keyPatterns(rule!)).toEqual(anyCase(['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'bmp', 'tif', 'tiff']));
    expect(targetOf('ImageTagger', rule!)).toBe(arnOf('image-tagger', 'handler'));
  });

  it('routes media uploads, job state changes and a schedule to the three video-transcriber handlers', () => {
    // Prepare
    const all = rules('VideoTranscriber');
    const media = all.find((r) => (r.EventPattern?.source as string[] | undefined)?.[0] === 'aws.s3');
    const jobs = all.find((r) => (r.EventPattern?.source as string[] | undefined)?.[0] === 'aws.transcribe');
    const schedule = all.find((r) => r.ScheduleExpression !== undefined);

    // Assess
    expect(all).toHaveLength(3);
    expect(s3Rule(media!)).toEqual({ source: ['aws.s3'], detailType: ['Object Created'], bucket: bucketName('uploads') });
    expect(keyPatterns(media!)).toEqual(anyCase(['amr', 'flac', 'm4a', 'mp3', 'mp4', 'ogg', 'webm', 'wav']));
    expect(targetOf('VideoTranscriber', media!)).toBe(arnOf('video-transcriber', 'start'));
    expect(jobs?.EventPattern).toEqual({
      source: ['aws.transcribe'],
      'detail-type': ['Transcribe Job State Change'],
      detail: { TranscriptionJobName: [{ prefix: 'notifier-' }], TranscriptionJobStatus: ['COMPLETED', 'FAILED'] },
    });
    expect(targetOf('VideoTranscriber', jobs!)).toBe(arnOf('video-transcriber', 'complete'));
    expect(schedule?.ScheduleExpression).toBe('rate(15 minutes)');
    expect(targetOf('VideoTranscriber', schedule!)).toBe(arnOf('video-transcriber', 'sweep'));
  });

  it('routes load markers in the data bucket and Bulk Load Completed events to bulk-load-notice', () => {
    // Prepare
    const all = rules('BulkLoadNotice');
    const markers = all.find((r) => (r.EventPattern?.source as string[])[0] === 'aws.s3');
    const custom = all.find((r) => (r.EventPattern?.source as string[])[0] === 'notifier.bulk-load');

    // Assess
    expect(all).toHaveLength(2);
    expect(s3Rule(markers!)).toEqual({ source: ['aws.s3'], detailType: ['Object Created'], bucket: bucketName('data') });
    expect(keyPatterns(markers!)).toEqual([{ suffix: '/_SUCCESS' }, { suffix: '/manifest.json' }]);
    expect(custom?.EventPattern).toEqual({ source: ['notifier.bulk-load'], 'detail-type': ['Bulk Load Completed'] });
    for (const rule of all) expect(targetOf('BulkLoadNotice', rule)).toBe(arnOf('bulk-load-notice', 'handler'));
  });

  it('routes finished SageMaker training jobs and artifact uploads to model-ready-notice', () => {
    // Prepare
    const all = rules('ModelReadyNotice');
    const training = all.find((r) => (r.EventPattern?.source as string[])[0] === 'aws.sagemaker');
    const artifacts = all.find((r) => (r.EventPattern?.source as string[])[0] === 'aws.s3');

    // Assess
    expect(all).toHaveLength(2);
    expect(training?.EventPattern).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Training Job State Change'],
      detail: { TrainingJobStatus: ['Completed', 'Failed', 'Stopped'] },
    });
    expect(s3Rule(artifacts!)).toEqual({ source: ['aws.s3'], detailType: ['Object Created'], bucket: bucketName('models') });
    expect(keyPatterns(artifacts!)).toEqual([{ prefix: 'models/' }]);
    for (const rule of all) expect(targetOf('ModelReadyNotice', rule)).toBe(arnOf('model-ready-notice', 'handler'));
  });

  it.each(FUNCTIONS.filter((f) => f.app !== 'post-auth'))(
    'bounds asynchronous retries of $app/$handler and sends failures to the app queue',
    ({ app, handler, part }) => {
      // Prepare
      const fn = findFunction(app, handler);

      // Act + Assess
      template(part).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fn.logicalId },
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 21600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueOf(part), 'Arn'] } } },
      });
    },
  );

  it.each(['ImageTagger', 'VideoTranscriber', 'BulkLoadNotice', 'ModelReadyNotice'] as const)(
    'keeps one SSE-SQS, TLS-only dead-letter queue in %s with an alarm to the topic',
    (part) => {
      // Prepare
      const stack = template(part);
      const queueId = queueOf(part);

      // Act + Assess
      stack.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
      stack.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      stack.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Threshold: 1,
        AlarmActions: [{ 'Fn::ImportValue': Match.stringLikeRegexp('^Notifier-dev-Api:ExportsOutputRefAlarmTopic') }],
      });
      expect(Object.keys(stack.findOutputs('*'))).toEqual(expect.arrayContaining(['DeadLetterQueueUrl', 'DeadLetterQueueArn']));
    },
  );

  it.each(FUNCTIONS)('alarms on errors of $app/$handler', ({ app, handler, part }) => {
    // Prepare
    const fn = findFunction(app, handler);

    // Act + Assess
    template(part).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn.logicalId } }],
      Threshold: 1,
      AlarmActions: [{ 'Fn::ImportValue': Match.stringLikeRegexp('^Notifier-dev-Api:ExportsOutputRefAlarmTopic') }],
    });
  });

  it('gives post-auth, which Cognito invokes synchronously, no queue', () => {
    expect(template('Auth').findResources('AWS::SQS::Queue')).toEqual({});
    expect(template('Auth').findResources('AWS::Lambda::EventInvokeConfig')).toEqual({});
  });
});

describe('Context trainingJobs', () => {
  let tagged: SynthesizedNotifier;
  beforeAll(() => {
    tagged = synthesizeNotifier({ trainingJobs: 'tagged' });
  });
  afterAll(() => tagged.cleanup());

  it('routes only finished training jobs tagged notifier:model-name when set to tagged', () => {
    // Prepare
    const rules = Object.values(resourcesOf(tagged.templates['Notifier-dev-ModelReadyNotice']!, 'AWS::Events::Rule'));

    // Act
    const training = rules.find((r) => (r.Properties?.EventPattern as { source: string[] }).source[0] === 'aws.sagemaker');

    // Assess
    expect(training?.Properties?.EventPattern).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Training Job State Change'],
      detail: { TrainingJobStatus: ['Completed', 'Failed', 'Stopped'], Tags: { 'notifier:model-name': [{ exists: true }] } },
    });
  });
});

describe('Stage prod', () => {
  let prod: SynthesizedNotifier;
  beforeAll(() => {
    prod = synthesizeNotifier({ stage: 'prod' });
  });
  afterAll(() => prod.cleanup());

  it('names stacks Notifier-prod-*', () => {
    expect(Object.keys(prod.templates).sort()).toEqual(STACK_PARTS.map((part) => `Notifier-prod-${part}`).sort());
  });

  it('retains buckets, tables, the user pool and log groups and empties no bucket', () => {
    // Prepare
    const t = (part: string) => prod.templates[`Notifier-prod-${part}`]!;

    // Act
    const policies = [
      ...Object.values(resourcesOf(t('Storage'), 'AWS::S3::Bucket')),
      ...Object.values(resourcesOf(t('Api'), 'AWS::DynamoDB::Table')),
      ...Object.values(resourcesOf(t('Auth'), 'AWS::Cognito::UserPool')),
      ...Object.values(resourcesOf(t('ImageTagger'), 'AWS::Logs::LogGroup')),
    ].map((r) => r.DeletionPolicy);

    // Assess
    expect(policies.length).toBeGreaterThan(8);
    expect(new Set(policies)).toEqual(new Set(['Retain']));
    expect(t('Storage').findResources('Custom::S3AutoDeleteObjects')).toEqual({});
    t('Api').hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    t('Auth').hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    t('ImageTagger').hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('logs only API errors and turns off introspection', () => {
    prod.templates['Notifier-prod-Api']!.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR' }),
      IntrospectionConfig: 'DISABLED',
    });
  });

  it('synthesizes without any cdk-nag finding left unacknowledged', () => {
    expect(new AwsSolutionsChecks(prod.app).validateScope(prod.app).violations).toEqual([]);
  });
});
