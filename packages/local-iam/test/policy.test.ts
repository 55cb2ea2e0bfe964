import {
  PolicyDocumentError,
  arnMatch,
  createCredentialRegistry,
  evaluate,
  policyContextFor,
  type EvaluationResult,
  type PolicyContext,
  type PolicyDocument,
  type PolicyStatement,
  type RolePrincipal,
} from '../src';

const API = 'arn:aws:appsync:us-east-1:111122223333:apis/abc123';
const field = (type: string, name: string) => `${API}/types/${type}/fields/${name}`;
const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (Resource: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({ Effect: 'Allow', Action: 'appsync:GraphQL', Resource, ...extra });
const deny = (Resource: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({ Effect: 'Deny', Action: 'appsync:GraphQL', Resource, ...extra });

type Row = [string, PolicyDocument[], string, string, EvaluationResult['decision'], PolicyContext?];

describe('Function: evaluate', () => {
  const rows: Row[] = [
    ['allows the exact field ARN', [doc(allow(field('Mutation', 'notifyImageTagged')))], 'appsync:GraphQL', field('Mutation', 'notifyImageTagged'), 'Allow'],
    ['denies implicitly another field', [doc(allow(field('Mutation', 'notifyImageTagged')))], 'appsync:GraphQL', field('Mutation', 'notifyModelReady'), 'ImplicitDeny'],
    ['denies implicitly with no policies', [], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny'],
    ['accepts a single statement object', [{ Version: '2012-10-17', Statement: allow(field('Query', 'me')) }], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['matches actions case-insensitively', [doc({ Effect: 'Allow', Action: 'AppSync:graphql', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['matches action wildcards *', [doc({ Effect: 'Allow', Action: 'appsync:*', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['matches action wildcards ?', [doc({ Effect: 'Allow', Action: 'appsync:Graph?L', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['does not match another service action', [doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny'],
    ['matches one of several actions', [doc({ Effect: 'Allow', Action: ['s3:GetObject', 'appsync:GraphQL'], Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['allows by NotAction when the action is not listed', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['does not allow by NotAction when the action is listed', [doc({ Effect: 'Allow', NotAction: 'appsync:*', Resource: '*' })], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny'],
    ['matches resource wildcards across the resource path', [doc(allow(`${API}/types/Query/*`))], 'appsync:GraphQL', field('Query', 'notifications'), 'Allow'],
    ['does not let a type wildcard reach another type', [doc(allow(`${API}/types/Query/*`))], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ImplicitDeny'],
    ['matches resource ? wildcards', [doc(allow(`${API}/types/Query/fields/m?`))], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['matches resource ARNs case-sensitively', [doc(allow(field('mutation', 'addUser')))], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ImplicitDeny'],
    ['keeps a region wildcard within its segment', [doc(allow('arn:aws:appsync:*:111122223333:apis/abc123/*'))], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['does not match another account', [doc(allow('arn:aws:appsync:us-east-1:999999999999:apis/abc123/*'))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny'],
    ['does not match another API', [doc(allow('arn:aws:appsync:us-east-1:111122223333:apis/other/*'))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny'],
    ['allows by NotResource outside the listed resources', [doc({ Effect: 'Allow', Action: 'appsync:GraphQL', NotResource: `${API}/types/Mutation/*` })], 'appsync:GraphQL', field('Query', 'me'), 'Allow'],
    ['does not allow by NotResource inside the listed resources', [doc({ Effect: 'Allow', Action: 'appsync:GraphQL', NotResource: `${API}/types/Mutation/*` })], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ImplicitDeny'],
    ['lets an explicit Deny win over an Allow in the same policy', [doc(allow(`${API}/*`), deny(field('Mutation', 'addUser')))], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ExplicitDeny'],
    ['lets an explicit Deny win across policies', [doc(allow(`${API}/*`)), doc(deny(`${API}/types/Mutation/*`))], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ExplicitDeny'],
    ['applies a Deny with NotResource to everything else', [doc(allow('*'), { Effect: 'Deny', Action: '*', NotResource: `${API}/types/Query/*` })], 'appsync:GraphQL', field('Mutation', 'addUser'), 'ExplicitDeny'],
    ['allows when StringEquals holds', [doc(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:PrincipalAccount': '111122223333' }],
    ['does not allow when StringEquals fails', [doc(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:PrincipalAccount': '999999999999' }],
    ['does not allow when the condition key is absent', [doc(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', {}],
    ['reads condition keys case-insensitively', [doc(allow('*', { Condition: { StringEquals: { 'AWS:PrincipalAccount': '111122223333' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:principalaccount': '111122223333' }],
    ['ORs the values of one key', [doc(allow('*', { Condition: { StringEquals: { 'aws:PrincipalType': ['User', 'AssumedRole'] } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:PrincipalType': 'AssumedRole' }],
    ['ANDs keys and operators', [doc(allow('*', { Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' }, StringLike: { 'aws:userid': 'AROA*:image-*' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:PrincipalType': 'AssumedRole', 'aws:userid': 'AROAX:video-start' }],
    ['allows when StringLike matches', [doc(allow('*', { Condition: { StringLike: { 'aws:userid': 'AROA*:image-*' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:userid': 'AROAX:image-tagger' }],
    ['allows when StringNotEquals matches none of the values', [doc(allow('*', { Condition: { StringNotEquals: { 'aws:PrincipalType': ['User', 'Root'] } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:PrincipalType': 'AssumedRole' }],
    ['does not allow when StringNotEquals matches one value', [doc(allow('*', { Condition: { StringNotEquals: { 'aws:PrincipalType': ['User', 'AssumedRole'] } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:PrincipalType': 'AssumedRole' }],
    ['treats StringNotEquals on an absent key as true', [doc(allow('*', { Condition: { StringNotEquals: { 'aws:PrincipalType': 'User' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', {}],
    ['treats an IfExists condition on an absent key as true', [doc(allow('*', { Condition: { StringEqualsIfExists: { 'aws:PrincipalType': 'User' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', {}],
    ['checks an IfExists condition on a present key', [doc(allow('*', { Condition: { StringEqualsIfExists: { 'aws:PrincipalType': 'User' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:PrincipalType': 'AssumedRole' }],
    ['matches ForAnyValue:StringLike against any context value', [doc(allow('*', { Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc'] }],
    ['refuses ForAnyValue:StringLike when no context value matches', [doc(allow('*', { Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }],
    ['requires every value for ForAllValues:StringEquals', [doc(allow('*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:TagKeys': ['a', 'c'] }],
    ['checks Null for an absent key', [doc(allow('*', { Condition: { Null: { 'aws:TokenIssueTime': 'true' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', {}],
    ['checks Bool', [doc(allow('*', { Condition: { Bool: { 'aws:SecureTransport': true } } }))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', { 'aws:SecureTransport': 'false' }],
    ['checks NumericLessThan', [doc(allow('*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:MultiFactorAuthAge': '120' }],
    ['checks DateLessThan', [doc(allow('*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:CurrentTime': '2026-03-14T09:00:00Z' }],
    ['checks ArnLike', [doc(allow('*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Image*' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ImageTaggerRole' }],
    ['substitutes policy variables in resources', [doc(allow(`${API}/types/Query/fields/\${aws:userid}`))], 'appsync:GraphQL', field('Query', 'AROAX'), 'Allow', { 'aws:userid': 'AROAX' }],
    ['substitutes policy variables in condition values', [doc(allow('*', { Condition: { StringEquals: { 'owner': '${cognito-identity.amazonaws.com:sub}' } } }))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', { owner: 'us-east-1:abc', 'cognito-identity.amazonaws.com:sub': 'us-east-1:abc' }],
    ['matches nothing when a resource variable has no value', [doc(allow(`${API}/types/Query/fields/\${aws:username}`))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', {}],
    ['uses a policy variable default', [doc(allow(`${API}/types/Query/fields/\${aws:username, 'me'}`))], 'appsync:GraphQL', field('Query', 'me'), 'Allow', {}],
    ['treats ${*} as a literal asterisk', [doc(allow(`${API}/types/Query/fields/\${*}`))], 'appsync:GraphQL', field('Query', 'me'), 'ImplicitDeny', {}],
    ['leaves variables literal in a 2008-10-17 policy', [{ Version: '2008-10-17', Statement: [allow(`${API}/types/Query/fields/\${aws:userid}`)] }], 'appsync:GraphQL', field('Query', '${aws:userid}'), 'Allow', { 'aws:userid': 'AROAX' }],
  ];

  it.each(rows)('%s', (...[, policies, action, resource, decision, context]: Row) => {
    // Prepare
    const input = { policies: structuredClone(policies), action, resource, context };

    // Act
    const result = evaluate(input);

    // Assess
    expect(result.decision).toBe(decision);
    expect(result.unsupported).toEqual([]);
  });

  it('reports the deciding statement', () => {
    // Prepare
    const policies = [doc(allow(`${API}/*`, { Sid: 'All' })), doc({ ...deny(field('Mutation', 'addUser')), Sid: 'NoAddUser' })];

    // Act
    const denied = evaluate({ policies, action: 'appsync:GraphQL', resource: field('Mutation', 'addUser') });
    const allowed = evaluate({ policies, action: 'appsync:GraphQL', resource: field('Query', 'me') });

    // Assess
    expect(denied.matchedStatement).toEqual(expect.objectContaining({ policyIndex: 1, statementIndex: 0, sid: 'NoAddUser', effect: 'Deny' }));
    expect(allowed.matchedStatement).toEqual(expect.objectContaining({ policyIndex: 0, statementIndex: 0, sid: 'All', effect: 'Allow' }));
  });

  it('never lets an Allow with an unknown operator grant, and reports it', () => {
    // Prepare
    const policies = [doc(allow('*', { Condition: { IpAddressInRange: { 'aws:SourceIp': '10.0.0.0/8' } } }))];

    // Act
    const result = evaluate({ policies, action: 'appsync:GraphQL', resource: field('Query', 'me'), context: { 'aws:SourceIp': '10.1.2.3' } });

    // Assess
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.unsupported).toEqual([{ policyIndex: 0, statementIndex: 0, operator: 'IpAddressInRange', reason: "unsupported condition operator 'IpAddressInRange'" }]);
  });

  it('lets a Deny with an unknown operator deny, and reports it', () => {
    // Prepare
    const policies = [doc(allow('*'), deny('*', { Condition: { StringMatchesSomehow: { 'aws:userid': 'x' } } }))];

    // Act
    const result = evaluate({ policies, action: 'appsync:GraphQL', resource: field('Query', 'me') });

    // Assess
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.unsupported).toHaveLength(1);
  });

  it('reports a non-numeric value given to a numeric operator', () => {
    // Prepare
    const policies = [doc(allow('*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'soon' } } }))];

    // Act
    const result = evaluate({ policies, action: 'appsync:GraphQL', resource: field('Query', 'me'), context: { 'aws:MultiFactorAuthAge': '1' } });

    // Assess
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.unsupported[0]?.reason).toMatch(/not valid for NumericLessThan/);
  });

  const malformed: Array<[string, unknown, RegExp]> = [
    ['a document without Statement', [{ Version: '2012-10-17' }], /policies\[0\]: policy document must have a Statement/],
    ['an Effect other than Allow/Deny', [doc({ Effect: 'allow' as 'Allow', Action: '*', Resource: '*' })], /policies\[0\]\.Statement\[0\]: Effect must be 'Allow' or 'Deny'/],
    ['neither Action nor NotAction', [doc({ Effect: 'Allow', Resource: '*' })], /exactly one of Action and NotAction/],
    ['both Resource and NotResource', [doc({ Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' })], /exactly one of Resource and NotResource/],
    ['an unresolved intrinsic as Resource', [doc({ Effect: 'Allow', Action: '*', Resource: { 'Fn::Join': [] } as unknown as string })], /Resource must be a string or an array of strings/],
  ];
  it.each(malformed)('throws PolicyDocumentError for %s', (_name, policies, message) => {
    // Prepare
    const input = { policies: policies as PolicyDocument[], action: 'appsync:GraphQL', resource: field('Query', 'me') };

    // Act
    const act = () => evaluate(input);

    // Assess
    expect(act).toThrow(PolicyDocumentError);
    expect(act).toThrow(message);
  });
});

describe('Function: arnMatch', () => {
  it.each([
    ['*', field('Query', 'me'), true],
    [`${API}/*`, field('Query', 'me'), true],
    ['arn:aws:appsync:us-east-1:*', field('Query', 'me'), false],
    ['arn:aws:appsync:us-east-1:*:*', field('Query', 'me'), true],
    ['arn:aws:appsync:*-east-1:111122223333:apis/abc123/types/*/fields/me', field('Query', 'me'), true],
    ['arn:*:appsync:us-east-1:111122223333:apis/abc123/types/Query/fields/me', field('Query', 'me'), true],
  ])('matches %s against %s: %s', (pattern, arn, expected) => {
    // Prepare / Act
    const result = arnMatch(pattern, arn);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: policyContextFor', () => {
  it('gives an identity-pool caller the cognito-identity keys policies use', () => {
    // Prepare
    const registry = createCredentialRegistry();
    const creds = registry.mintForIdentity({
      role: { roleName: 'AuthRole', roleArn: 'arn:aws:iam::111122223333:role/AuthRole', accountId: '111122223333' },
      identityId: 'us-east-1:abc',
      identityPoolId: 'us-east-1:pool',
      authProvider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc,cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:sub-1',
      authType: 'authenticated',
    });
    const principal = registry.lookup(creds.accessKeyId)?.principal;
    if (!principal) throw new Error('minted credentials not found');

    // Act
    const context = policyContextFor(principal);
    const result = evaluate({
      policies: [doc(allow(`${API}/types/Query/fields/\${cognito-identity.amazonaws.com:sub}`, { Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } }))],
      action: 'appsync:GraphQL',
      resource: `${API}/types/Query/fields/us-east-1:abc`,
      context,
    });

    // Assess
    expect(context).toEqual({
      'aws:userid': principal.user,
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/AuthRole',
      'aws:PrincipalAccount': '111122223333',
      'aws:PrincipalType': 'AssumedRole',
      'cognito-identity.amazonaws.com:sub': 'us-east-1:abc',
      'cognito-identity.amazonaws.com:aud': 'us-east-1:pool',
      'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:CognitoSignIn:sub-1'],
    });
    expect(result.decision).toBe('Allow');
  });
});

describe('Function: policyContextFor (request keys)', () => {
  const principal: RolePrincipal = {
    kind: 'role',
    accountId: '111122223333',
    roleName: 'ImageTaggerRole',
    roleArn: 'arn:aws:iam::111122223333:role/ImageTaggerRole',
    roleId: 'AROAEXAMPLEROLEID0001',
    sessionName: 'image-tagger',
    userArn: 'arn:aws:sts::111122223333:assumed-role/ImageTaggerRole/image-tagger',
    user: 'AROAEXAMPLEROLEID0001:image-tagger',
  };
  const request = {
    region: 'us-east-1',
    now: new Date('2026-06-01T12:00:00.250Z'),
    secureTransport: true,
    sourceIp: '203.0.113.7',
    principalTags: { 'notifier:role': 'image-tagger' },
  };
  type RequestOver = Partial<Omit<typeof request, 'principalTags'>> & { principalTags?: Record<string, string> };
  const decide = (condition: PolicyStatement['Condition'], over: RequestOver = {}) =>
    evaluate({
      policies: [doc(allow(field('Mutation', 'notifyImageTagged'), { Condition: condition }))],
      action: 'appsync:GraphQL',
      resource: field('Mutation', 'notifyImageTagged'),
      context: policyContextFor(principal, { ...request, ...over }),
    }).decision;

  it('offers each request key with the value IAM gives it', () => {
    // Act
    const context = policyContextFor(principal, request);

    // Assess
    expect(context).toMatchObject({
      'aws:RequestedRegion': 'us-east-1',
      'aws:CurrentTime': '2026-06-01T12:00:00Z',
      'aws:EpochTime': '1780315200',
      'aws:SecureTransport': 'true',
      'aws:SourceIp': '203.0.113.7',
      'aws:PrincipalTag/notifier:role': 'image-tagger',
    });
  });

  it('leaves the request keys absent when nothing is known of the request', () => {
    // Act
    const context = policyContextFor(principal);

    // Assess
    expect(Object.keys(context).sort()).toEqual(['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalType', 'aws:userid']);
  });

  const cases: Array<[string, PolicyStatement['Condition'], RequestOver, 'Allow' | 'ImplicitDeny']> = [
    ['aws:RequestedRegion in the region', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, {}, 'Allow'],
    ['aws:RequestedRegion in another region', { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, { region: 'eu-west-1' }, 'ImplicitDeny'],
    ['aws:CurrentTime inside the window', { DateLessThan: { 'aws:CurrentTime': '2026-06-01T12:00:01Z' } }, {}, 'Allow'],
    ['aws:CurrentTime after the window', { DateLessThan: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, {}, 'ImplicitDeny'],
    ['aws:EpochTime as a number', { NumericGreaterThanEquals: { 'aws:EpochTime': 1780315200 } }, {}, 'Allow'],
    ['aws:EpochTime as a date', { DateGreaterThan: { 'aws:EpochTime': '2026-06-01T12:00:01Z' } }, {}, 'ImplicitDeny'],
    ['aws:SecureTransport over TLS', { Bool: { 'aws:SecureTransport': 'true' } }, {}, 'Allow'],
    ['aws:SecureTransport over plain HTTP', { Bool: { 'aws:SecureTransport': 'true' } }, { secureTransport: false }, 'ImplicitDeny'],
    ['aws:SourceIp in the CIDR block', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, {}, 'Allow'],
    ['aws:SourceIp outside the CIDR block', { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }, {}, 'ImplicitDeny'],
    ['aws:SourceIp with NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }, {}, 'Allow'],
    ['aws:SourceIp IPv6 in the block', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { sourceIp: '2001:db8::1' }, 'Allow'],
    ['aws:PrincipalTag with the tag', { StringEquals: { 'aws:PrincipalTag/notifier:role': 'image-tagger' } }, {}, 'Allow'],
    ['aws:PrincipalTag with another value', { StringEquals: { 'aws:PrincipalTag/notifier:role': 'post-auth' } }, {}, 'ImplicitDeny'],
    ['aws:PrincipalTag untagged', { StringEquals: { 'aws:PrincipalTag/notifier:role': 'image-tagger' } }, { principalTags: {} }, 'ImplicitDeny'],
  ];
  it.each(cases)('decides a condition on %s', (_name, condition, over, expected) => {
    // Act
    const decision = decide(condition, over);

    // Assess
    expect(decision).toBe(expected);
  });

  it('reports an IpAddress value that is not an address or CIDR block as unsupported', () => {
    // Act
    const result = evaluate({
      policies: [doc(allow(field('Query', 'me'), { Condition: { IpAddress: { 'aws:SourceIp': 'not-an-ip' } } }))],
      action: 'appsync:GraphQL',
      resource: field('Query', 'me'),
      context: policyContextFor(principal, request),
    });

    // Assess
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.unsupported).toHaveLength(1);
  });
});
