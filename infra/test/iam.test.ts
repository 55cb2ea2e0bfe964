import { buildASTSchema, parse } from 'graphql';
import { readSchemaWithAppSyncDeclarations } from '@notifier/schema/paths';
import type { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import { allRoles, managedPoliciesOfRole, render, statementsOfRole, synthesizeNotifier, tagValue, type FoundRole, type SynthesizedNotifier } from './support/synth';

let synth: SynthesizedNotifier;
let apiArnPrefix: string;

beforeAll(() => {
  synth = synthesizeNotifier();
  const api = synth.stacks.api;
  const apiLogicalId = api.getLogicalId(api.api.node.defaultChild as CfnGraphQLApi);
  apiArnPrefix = `<ImportValue:${api.stackName}:ExportsOutputFnGetAtt${apiLogicalId}Arn`;
});
afterAll(() => synth.cleanup());

/** The fields (`Type/field`) a role may call, from its appsync:GraphQL statements. */
function graphqlFields(role: FoundRole): { statements: number; fields: string[]; raw: string[] } {
  const statements = statementsOfRole(role.template, role.logicalId).filter((s) =>
    s.Action.some((action) => action.toLowerCase().startsWith('appsync:')),
  );
  const raw = statements.flatMap((s) => s.Resource.map(render));
  const fields = raw.map((arn) => {
    const match = /^(<ImportValue:[^>]+>)\/types\/(Query|Mutation|Subscription)\/fields\/([A-Za-z0-9_]+)$/.exec(arn);
    if (!match || !match[1]?.startsWith(apiArnPrefix)) throw new Error(`${role.logicalId}: not an exact field ARN of the API: ${arn}`);
    return `${match[2]}/${match[3]}`;
  });
  return { statements: statements.length, fields: fields.sort(), raw };
}

function roleTagged(tag: string): FoundRole {
  const found = allRoles(synth.templates).filter((role) => tagValue(role.resource, 'notifier:role') === tag);
  if (found.length !== 1) throw new Error(`expected one role tagged ${tag}, found ${found.length}`);
  return found[0] as FoundRole;
}

/** The schema's root fields, read here independently of the infra code under test. */
function schemaFields(typeName: 'Query' | 'Mutation' | 'Subscription'): string[] {
  const type = buildASTSchema(parse(readSchemaWithAppSyncDeclarations())).getType(typeName) as { getFields(): Record<string, unknown> };
  return Object.keys(type.getFields()).map((field) => `${typeName}/${field}`);
}

describe('IAM: role x mutation matrix', () => {
  const TRIGGER_MATRIX: Record<string, string[]> = {
    'post-auth': ['Mutation/addUser'],
    'image-tagger': ['Mutation/notifyImageTagged'],
    'video-transcriber-start': [],
    'video-transcriber-complete': ['Mutation/notifyTranscriptReady'],
    'video-transcriber-sweep': ['Mutation/notifyTranscriptReady'],
    'bulk-load-notice': ['Mutation/notifyDatasetRefreshed'],
    'model-ready-notice': ['Mutation/notifyModelReady'],
  };

  it.each(Object.entries(TRIGGER_MATRIX))('grants role %s exactly its own mutation in one statement', (tag, expected) => {
    // Prepare
    const role = roleTagged(tag);

    // Act
    const { statements, fields } = graphqlFields(role);

    // Assess
    expect(fields).toEqual(expected);
    expect(statements).toBe(expected.length === 0 ? 0 : 1);
  });

  it('grants every backend mutation to exactly the roles of the app that sends it', () => {
    // Prepare
    const backend = schemaFields('Mutation').filter((field) => field !== 'Mutation/updateUser');
    const grantedTo = new Map<string, string[]>();

    // Act
    for (const role of allRoles(synth.templates)) {
      const tag = tagValue(role.resource, 'notifier:role') ?? role.logicalId;
      for (const field of graphqlFields(role).fields) grantedTo.set(field, [...(grantedTo.get(field) ?? []), tag]);
    }

    // Assess
    for (const mutation of backend) {
      const expected = Object.entries(TRIGGER_MATRIX)
        .filter(([, fields]) => fields.includes(mutation))
        .map(([tag]) => tag);
      expect({ mutation, roles: grantedTo.get(mutation) ?? [] }).toEqual({ mutation, roles: expected.sort() });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('never grants a wildcard on the API, a type or an action', () => {
    // Prepare
    const roles = allRoles(synth.templates);

    // Act
    const statements = roles.flatMap((role) => statementsOfRole(role.template, role.logicalId));
    const appsync = statements.filter((s) => s.Action.some((a) => a.toLowerCase().startsWith('appsync:')));

    // Assess
    expect(appsync.length).toBeGreaterThan(0);
    for (const statement of appsync) {
      expect(statement.Action).toEqual(['appsync:GraphQL']);
      for (const resource of statement.Resource.map(render)) {
        expect(resource).not.toContain('*');
        expect(resource).toMatch(/\/types\/(Query|Mutation|Subscription)\/fields\/[A-Za-z0-9_]+$/);
      }
    }
  });

  it('attaches no managed policy to any role except the basic execution policy of the dev auto-delete provider', () => {
    // Act
    const withManaged = allRoles(synth.templates)
      .map((role) => ({ role: `${role.stackName}/${role.logicalId}`, managed: managedPoliciesOfRole(role.resource) }))
      .filter((entry) => entry.managed.length > 0);

    // Assess
    for (const entry of withManaged) {
      expect(entry.role).toMatch(/\/CustomS3AutoDeleteObjectsCustomResourceProviderRole[0-9A-F]{8}$/);
      expect(entry.managed).toEqual(['arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    }
  });

  it('grants appsync:GraphQL to no role other than the function roles and the authenticated role', () => {
    // Prepare
    const allowed = new Set([...Object.keys(TRIGGER_MATRIX), 'authRole']);

    // Act
    const holders = allRoles(synth.templates)
      .filter((role) => graphqlFields(role).statements > 0)
      .map((role) => tagValue(role.resource, 'notifier:role') ?? `${role.stackName}/${role.logicalId}`);

    // Assess
    for (const holder of holders) expect(allowed.has(holder)).toBe(true);
  });
});

describe('IAM: Cognito identity-pool roles', () => {
  it('lets the authenticated role call every query, every subscription and updateUser, and no backend mutation', () => {
    // Prepare
    const expected = [...schemaFields('Query'), ...schemaFields('Subscription'), 'Mutation/updateUser'].sort();

    // Act
    const { statements, fields } = graphqlFields(roleTagged('authRole'));

    // Assess
    expect(statements).toBe(1);
    expect(fields).toEqual(expected);
    expect(fields).toEqual(expect.arrayContaining(['Query/me', 'Query/notifications', 'Subscription/onNotification']));
    for (const trigger of ['addUser', 'notifyImageTagged', 'notifyTranscriptReady', 'notifyDatasetRefreshed', 'notifyModelReady']) {
      expect(fields).not.toContain(`Mutation/${trigger}`);
    }
  });

  it("limits the authenticated role's S3 access to the caller's own private prefix", () => {
    // Prepare
    const role = roleTagged('authRole');

    // Act
    const s3 = statementsOfRole(role.template, role.logicalId).filter((s) => s.Action.some((a) => a.startsWith('s3:')));

    // Assess
    const storage = synth.stacks.storage;
    const bucketArn = (logicalId: string) => `<ImportValue:${storage.stackName}:ExportsOutputFnGetAtt${logicalId}Arn`;
    const uploads = storage.getLogicalId(storage.uploads.node.defaultChild as never);
    expect(s3).toHaveLength(1);
    const [own] = s3.map((s) => ({ actions: [...s.Action].sort(), resources: s.Resource.map(render) }));
    expect(own?.actions).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(own?.resources).toHaveLength(1);
    expect(own?.resources[0]).toMatch(new RegExp(`^${escape(bucketArn(uploads))}[0-9A-F]{8}>/private/\\$\\{cognito-identity\\.amazonaws\\.com:sub\\}/\\*$`));
  });

  it('gives the unauthenticated role no permission at all', () => {
    // Prepare
    const role = roleTagged('unauthRole');

    // Act
    const statements = statementsOfRole(role.template, role.logicalId);

    // Assess
    expect(statements).toEqual([]);
  });

  it.each([
    ['authRole', 'authenticated'],
    ['unauthRole', 'unauthenticated'],
  ])('lets only identities of this identity pool assume %s (aud and amr %s)', (tag, amr) => {
    // Prepare
    const role = roleTagged(tag);
    const identityPoolId = synth.stacks.auth.getLogicalId(synth.stacks.auth.identityPool);

    // Act
    const trust = role.resource.Properties?.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> };

    // Assess
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: identityPoolId } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      },
    ]);
  });

  it('attaches both roles to the identity pool, which refuses unauthenticated identities', () => {
    // Prepare
    const template = synth.templates[synth.stacks.auth.stackName]!;
    const auth = synth.stacks.auth;
    const ids = {
      pool: auth.getLogicalId(auth.identityPool),
      authRole: auth.getLogicalId(auth.authRole.node.defaultChild as never),
      unauthRole: auth.getLogicalId(auth.unauthRole.node.defaultChild as never),
      userPool: auth.getLogicalId(auth.userPool.node.defaultChild as never),
      client: auth.getLogicalId(auth.webClient.node.defaultChild as never),
    };

    // Act + Assess
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [
        {
          ClientId: { Ref: ids.client },
          ProviderName: { 'Fn::GetAtt': [ids.userPool, 'ProviderName'] },
          ServerSideTokenCheck: true,
        },
      ],
    });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: ids.pool },
      Roles: {
        authenticated: { 'Fn::GetAtt': [ids.authRole, 'Arn'] },
        unauthenticated: { 'Fn::GetAtt': [ids.unauthRole, 'Arn'] },
      },
    });
  });
});

describe('IAM: function roles', () => {
  const statementsFor = (tag: string) => {
    const role = roleTagged(tag);
    return statementsOfRole(role.template, role.logicalId).map((s) => ({
      actions: [...s.Action].sort(),
      resources: s.Resource.map(render),
    }));
  };
  const actionsFor = (tag: string) => statementsFor(tag).flatMap((s) => s.actions).sort();

  it.each([
    [
      'image-tagger',
      ['appsync:GraphQL', 'logs:CreateLogStream', 'logs:PutLogEvents', 'rekognition:DetectLabels', 's3:GetObject', 's3:GetObjectVersion'],
    ],
    [
      'video-transcriber-start',
      ['logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 'transcribe:StartTranscriptionJob', 'transcribe:TagResource'],
    ],
    [
      'video-transcriber-complete',
      [
        'appsync:GraphQL',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:GetObjectVersion',
        's3:PutObject',
        'transcribe:GetTranscriptionJob',
        'transcribe:TagResource',
      ],
    ],
    [
      'video-transcriber-sweep',
      [
        'appsync:GraphQL',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:GetObjectVersion',
        's3:PutObject',
        'transcribe:GetTranscriptionJob',
        'transcribe:ListTranscriptionJobs',
        'transcribe:TagResource',
      ],
    ],
    ['bulk-load-notice', ['appsync:GraphQL', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:GetObjectVersion']],
    ['model-ready-notice', ['appsync:GraphQL', 'logs:CreateLogStream', 'logs:PutLogEvents']],
    ['post-auth', ['appsync:GraphQL', 'logs:CreateLogStream', 'logs:PutLogEvents']],
  ])('allows role %s only the actions its work needs', (tag, expected) => {
    // Prepare
    const plumbing = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']);

    // Act
    const actions = actionsFor(tag).filter((action) => !plumbing.has(action));

    // Assess
    expect(actions).toEqual([...expected].sort());
  });

  it("writes logs only to the function's own log group", () => {
    for (const tag of ['image-tagger', 'post-auth', 'video-transcriber-sweep']) {
      // Prepare
      const role = roleTagged(tag);

      // Act
      const logs = statementsFor(tag).filter((s) => s.actions.some((a) => a.startsWith('logs:')));

      // Assess
      expect(logs).toHaveLength(1);
      const logGroups = Object.keys(role.template.findResources('AWS::Logs::LogGroup'));
      const target = logs[0]?.resources[0] ?? '';
      expect(logGroups.map((id) => `<GetAtt:${id}.Arn>`)).toContain(target);
    }
  });

  it('sends dead letters only to the app queue and sends nothing to SQS from the post-auth role', () => {
    // Prepare
    const sqsOf = (tag: string) => statementsFor(tag).filter((s) => s.actions.some((a) => a.startsWith('sqs:')));

    // Act
    const imageTagger = sqsOf('image-tagger');
    const postAuth = sqsOf('post-auth');

    // Assess
    expect(imageTagger).toHaveLength(1);
    expect(imageTagger[0]?.resources).toEqual([expect.stringMatching(/^<GetAtt:OperationsDeadLetterQueue[0-9A-F]{8}\.Arn>$/)]);
    expect(postAuth).toEqual([]);
  });

  it('reads media only under private/, transcripts only under transcripts/ and bulk-load manifests only', () => {
    // Act
    const s3Of = (tag: string) =>
      statementsFor(tag)
        .filter((s) => s.actions.includes('s3:GetObject'))
        .flatMap((s) => s.resources.map((r) => r.replace(/^<ImportValue:[^>]+>/, '<bucket>')));

    // Assess
    expect(s3Of('image-tagger')).toEqual(['<bucket>/private/*']);
    expect(s3Of('video-transcriber-start')).toEqual(['<bucket>/private/*']);
    expect(s3Of('bulk-load-notice')).toEqual(['<bucket>/*/manifest.json']);
    expect(s3Of('video-transcriber-complete')).toEqual(['<bucket>/transcripts/*']);
    expect(s3Of('video-transcriber-sweep')).toEqual(['<bucket>/transcripts/*']);
    expect(s3Of('model-ready-notice')).toEqual([]);
    const writes = statementsFor('video-transcriber-start').filter((s) => s.actions.includes('s3:PutObject'));
    expect(writes.flatMap((s) => s.resources.map((r) => r.replace(/^<ImportValue:[^>]+>/, '<bucket>')))).toEqual(['<bucket>/transcripts/*']);
    for (const tag of ['video-transcriber-start', 'video-transcriber-complete', 'video-transcriber-sweep']) {
      const tagging = statementsFor(tag).filter((s) => s.actions.includes('transcribe:TagResource'));
      expect(tagging.flatMap((s) => s.resources)).toEqual(['arn:<Ref:AWS::Partition>:transcribe:<Ref:AWS::Region>:<Ref:AWS::AccountId>:transcription-job/notifier-*']);
    }
  });
});

describe('IAM: owners\' copies of transcripts', () => {
  it.each(['video-transcriber-complete', 'video-transcriber-sweep'])(
    'lets role %s write only the owners\' transcript copies of the uploads bucket, in one PutObject statement',
    (tag) => {
      // Prepare
      const role = roleTagged(tag);
      const storage = synth.stacks.storage;
      const uploads = storage.getLogicalId(storage.uploads.node.defaultChild as never);
      const transcripts = storage.getLogicalId(storage.transcripts.node.defaultChild as never);
      const bucketArn = (logicalId: string) => `<ImportValue:${storage.stackName}:ExportsOutputFnGetAtt${logicalId}Arn`;

      // Act
      const writes = statementsOfRole(role.template, role.logicalId)
        .filter((s) => s.Action.some((a) => a.startsWith('s3:Put')))
        .map((s) => ({ actions: [...s.Action].sort(), resources: s.Resource.map(render) }));
      const reads = statementsOfRole(role.template, role.logicalId)
        .filter((s) => s.Action.includes('s3:GetObject'))
        .flatMap((s) => s.Resource.map(render));

      // Assess
      expect(writes).toEqual([{ actions: ['s3:PutObject'], resources: [expect.stringMatching(new RegExp(`^${escape(bucketArn(uploads))}[0-9A-F]{8}>/private/\\*/transcripts/notifier-\\*\\.json$`))] }]);
      // Reading stays on Transcribe's output: the copy is written from the bytes read there, never read back.
      expect(reads).toEqual([expect.stringMatching(new RegExp(`^${escape(bucketArn(transcripts))}[0-9A-F]{8}>/transcripts/\\*$`))]);
    },
  );

  it("lets the authenticated role read the owner's copies through its own private prefix, and nothing of the transcripts bucket", () => {
    // Prepare
    const role = roleTagged('authRole');
    const storage = synth.stacks.storage;
    const transcripts = storage.getLogicalId(storage.transcripts.node.defaultChild as never);

    // Act
    const resources = statementsOfRole(role.template, role.logicalId)
      .filter((s) => s.Action.some((a) => a.startsWith('s3:')))
      .flatMap((s) => s.Resource.map(render));

    // Assess
    expect(resources).toEqual([expect.stringMatching(/\/private\/\$\{cognito-identity\.amazonaws\.com:sub\}\/\*$/)]);
    expect(resources.join(' ')).not.toContain(transcripts);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
