import {
  createInvocationRuntime,
  EarlyReturnSignal,
  loadResolverModule,
  ResolverError,
  ResolverExecutionError,
  ResolverModuleError,
  UnauthorizedError,
} from '../src/index';

const NOW = Date.parse('2026-11-27T14:05:09.123Z');

function runtime(fieldName = 'field', typeName = 'Query') {
  return createInvocationRuntime({ typeName, fieldName, now: () => NOW, autoId: () => 'fixed-id' });
}

describe('Function: loadResolverModule', () => {
  it('runs an ES module importing @aws-appsync/utils and serialises what the handlers return', () => {
    // Prepare
    const code = `
      import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        return { operation: 'PutItem', key: util.dynamodb.toMapValues({ id: util.autoId() }), at: util.time.nowISO8601(), dropped: undefined };
      }
      export function response(ctx) { return ctx.result; }
    `;
    const rt = runtime();

    // Act
    const resolver = loadResolverModule(code, rt);
    const request = resolver.request({ arguments: {} });
    const response = resolver.response({ result: undefined });

    // Assess
    expect(request).toEqual({ operation: 'PutItem', key: { id: { S: 'fixed-id' } }, at: '2026-11-27T14:05:09.123Z' });
    expect(Object.keys(request as object)).not.toContain('dropped');
    expect(response).toBeNull();
  });

  it('surfaces util.error and util.unauthorized as typed errors', () => {
    // Prepare
    const code = `
      import { util } from '@aws-appsync/utils';
      export function request(ctx) { if (!ctx.identity) util.unauthorized(); return {}; }
      export function response(ctx) { util.error('nope', 'ValidationError', null, { at: 'x' }); }
    `;
    const resolver = loadResolverModule(code, runtime('me', 'Query'));

    // Act
    const request = () => resolver.request({ identity: null });
    const response = () => resolver.response({});

    // Assess
    expect(request).toThrow(UnauthorizedError);
    expect(request).toThrow('Not Authorized to access me on type Query');
    expect(response).toThrow(ResolverError);
    expect(response).toThrow(expect.objectContaining({ errorType: 'ValidationError', errorInfo: { at: 'x' } }));
  });

  it('stops the handler on runtime.earlyReturn', () => {
    // Prepare
    const code = `
      import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn({ cached: true }); return { never: true }; }
      export function response(ctx) { return ctx.result; }
    `;

    // Act
    const act = () => loadResolverModule(code, runtime()).request({});

    // Assess
    expect(act).toThrow(EarlyReturnSignal);
    expect(act).toThrow(expect.objectContaining({ value: { cached: true } }));
  });

  it('records the subscription filter a subscription handler sets through extensions', () => {
    // Prepare
    const code = `
      import { util, extensions } from '@aws-appsync/utils';
      export function request(ctx) { return { payload: null }; }
      export function response(ctx) {
        extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ ownerId: { eq: ctx.identity.cognitoIdentityId } }));
        return null;
      }
    `;
    const rt = runtime('onImageTagged', 'Subscription');

    // Act
    const result = loadResolverModule(code, rt).response({ identity: { cognitoIdentityId: 'eu-west-1:abc' } });

    // Assess
    expect(result).toBeNull();
    expect(rt.state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'ownerId', operator: 'eq', value: 'eu-west-1:abc' }] }] });
  });

  it('gives resolver code no Node globals and no code generation from strings', () => {
    // Prepare
    const code = `
      export function request(ctx) {
        return { process: typeof process, require: typeof require, buffer: typeof Buffer, timer: typeof setTimeout, util: typeof util };
      }
      export function response(ctx) { return eval('1 + 1'); }
    `;
    const resolver = loadResolverModule(code, runtime());

    // Act
    const globals = resolver.request({});
    const evaluate = () => resolver.response({});

    // Assess
    expect(globals).toEqual({ process: 'undefined', require: 'undefined', buffer: 'undefined', timer: 'undefined', util: 'object' });
    expect(evaluate).toThrow(ResolverExecutionError);
  });

  it('captures console output of the resolver in the invocation state', () => {
    // Prepare
    const code = `export function request(ctx) { console.log('seen', 1); return {}; } export function response(ctx) { return null; }`;
    const rt = runtime();

    // Act
    loadResolverModule(code, rt).request({});

    // Assess
    expect(rt.state.logs).toEqual([{ level: 'log', args: ['seen', 1] }]);
  });

  it.each([
    ['an import other than @aws-appsync/utils', `import x from 'node:fs'; export function request() {} export function response() {}`],
    ['a missing response handler', `export function request() { return {}; }`],
    ['a syntax error', `export function request( {`],
  ])('refuses %s with a ResolverModuleError', (_name, code) => {
    // Prepare
    const rt = runtime();

    // Act
    const act = () => loadResolverModule(code, rt);

    // Assess
    expect(act).toThrow(ResolverModuleError);
  });

  it('wraps a bug in resolver code as a ResolverExecutionError keeping the cause', () => {
    // Prepare
    const code = `export function request(ctx) { return ctx.missing.field; } export function response() { return null; }`;

    // Act
    let thrown: unknown;
    try {
      loadResolverModule(code, runtime(), { filename: 'Query.bug.js' }).request({});
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(ResolverExecutionError);
    expect((thrown as Error).message).toMatch(/^Query\.bug\.js request: /);
    expect((thrown as Error).cause).toBeDefined();
  });
});
