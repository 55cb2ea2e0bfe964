import {
  createInvocationRuntime,
  EarlyReturnSignal,
  ResolverError,
  UnauthorizedError,
  UnsupportedUtilityError,
  UtilityArgumentError,
} from '../src/index';

const NOW = Date.parse('2026-11-27T14:05:09.123Z');

function runtimeFor(fieldName = 'me', typeName = 'Query') {
  return createInvocationRuntime({ typeName, fieldName, now: () => NOW, autoId: () => 'id-1' });
}

// Utilities are called with loose arguments on purpose (resolver code is untyped JavaScript).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Util = Record<string, any>;
const utilOf = (rt: ReturnType<typeof runtimeFor>) => rt.module.util as Util;

describe('Function: createInvocationRuntime', () => {
  describe('util errors', () => {
    it('throws a ResolverError carrying message, errorType, data and errorInfo from util.error', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      let thrown: unknown;
      try {
        util.error('bad input', 'ValidationError', { field: 'x' }, { hint: 1 });
      } catch (error) {
        thrown = error;
      }

      // Assess
      expect(thrown).toBeInstanceOf(ResolverError);
      expect(thrown).toMatchObject({ message: 'bad input', errorType: 'ValidationError', data: { field: 'x' }, errorInfo: { hint: 1 } });
    });

    it('throws AppSync\'s Unauthorized error for the field being resolved', () => {
      // Prepare
      const util = utilOf(runtimeFor('notifications', 'Query'));

      // Act
      const act = () => util.unauthorized();

      // Assess
      expect(act).toThrow(UnauthorizedError);
      expect(act).toThrow('Not Authorized to access notifications on type Query');
      expect(() => util.unauthorized()).toThrow(expect.objectContaining({ errorType: 'Unauthorized' }));
    });

    it('records util.appendError calls in order without interrupting the handler', () => {
      // Prepare
      const rt = runtimeFor();

      // Act
      utilOf(rt).appendError('first', 'A');
      utilOf(rt).appendError('second');

      // Assess
      expect(rt.state.errors).toEqual([
        { message: 'first', errorType: 'A', data: null, errorInfo: null },
        { message: 'second', errorType: null, data: null, errorInfo: null },
      ]);
    });
  });

  describe('runtime.earlyReturn', () => {
    it('throws an EarlyReturnSignal with the value and records it', () => {
      // Prepare
      const rt = createInvocationRuntime({ typeName: 'Query', fieldName: 'me' });
      const runtime = rt.module.runtime as { earlyReturn: (v?: unknown, o?: { skipTo: 'END' | 'NEXT' }) => never };

      // Act
      const act = () => runtime.earlyReturn({ a: 1 }, { skipTo: 'END' });

      // Assess
      expect(act).toThrow(EarlyReturnSignal);
      expect(rt.state.earlyReturn).toEqual({ value: { a: 1 }, skipTo: 'END' });
    });
  });

  describe('encoding', () => {
    it.each([
      ['a b&c=d/é*~', 'a+b%26c%3Dd%2F%C3%A9*%7E'],
      ["it's (x)!", 'it%27s+%28x%29%21'],
    ])('url-encodes %j as application/x-www-form-urlencoded', (input, expected) => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const encoded = util.urlEncode(input);

      // Assess
      expect(encoded).toBe(expected);
      expect(util.urlDecode(encoded)).toBe(input);
    });

    it('round-trips UTF-8 through base64', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const encoded = util.base64Encode('2026-11-27T14:05:09.123Z#ü');

      // Assess
      expect(encoded).toBe(Buffer.from('2026-11-27T14:05:09.123Z#ü').toString('base64'));
      expect(util.base64Decode(encoded)).toBe('2026-11-27T14:05:09.123Z#ü');
    });

    it('refuses to base64-decode text that is not base64', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const act = () => util.base64Decode('not base64!');

      // Assess
      expect(act).toThrow(UtilityArgumentError);
    });

    it('escapes quotes, slashes and control characters for JavaScript', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const escaped = util.escapeJavaScript('say "hi"\n\'/\\ é');

      // Assess
      expect(escaped).toBe('say \\"hi\\"\\n\\\'\\/\\\\ \\u00E9');
    });
  });

  describe('identifiers', () => {
    it('uses the injected generator for util.autoId', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const id = util.autoId();

      // Assess
      expect(id).toBe('id-1');
    });

    it('generates RFC 4122 v4 UUIDs by default', () => {
      // Prepare
      const util = createInvocationRuntime({ typeName: 'Query', fieldName: 'me' }).module.util as Util;

      // Act
      const ids = new Set([util.autoId(), util.autoId()]);

      // Assess
      expect(ids.size).toBe(2);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('generates ULIDs that start with the time and KSUIDs of 27 base62 characters', () => {
      // Prepare
      const rt = createInvocationRuntime({ typeName: 'Query', fieldName: 'me', now: () => NOW, randomBytes: (n) => new Uint8Array(n) });
      const util = rt.module.util as Util;

      // Act
      const ulid = util.autoUlid();
      const ksuid = util.autoKsuid();

      // Assess
      expect(ulid).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(ulid.endsWith('0000000000000000')).toBe(true);
      expect(ulid < (createInvocationRuntime({ typeName: 'Q', fieldName: 'f', now: () => NOW + 1 }).module.util as Util).autoUlid()).toBe(true);
      expect(ksuid).toMatch(/^[0-9A-Za-z]{27}$/);
    });
  });

  describe('util.time', () => {
    it('reads the injected clock', () => {
      // Prepare
      const time = utilOf(runtimeFor()).time;

      // Act
      const values = [time.nowISO8601(), time.nowEpochSeconds(), time.nowEpochMilliSeconds()];

      // Assess
      expect(values).toEqual(['2026-11-27T14:05:09.123Z', Math.floor(NOW / 1000), NOW]);
    });

    it('formats with DateTimeFormatter patterns and time zones', () => {
      // Prepare
      const time = utilOf(runtimeFor()).time;

      // Act
      const utc = time.nowFormatted("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
      const zoned = time.nowFormatted('yyyy-MM-dd HH:mm:ss XXX', 'Europe/Berlin');
      const words = time.epochMilliSecondsToFormatted(0, 'EEE, d MMM yyyy hh:mm a');

      // Assess
      expect(utc).toBe('2026-11-27T14:05:09.123+0000');
      expect(zoned).toBe('2026-11-27 15:05:09 +01:00');
      expect(words).toBe('Thu, 1 Jan 1970 12:00 AM');
    });

    it('formats epoch milliseconds with an explicit fraction, a whole second included, in a named UTC zone', () => {
      // Prepare
      const time = utilOf(runtimeFor()).time;
      const wholeSecond = Date.parse('2026-11-27T14:05:09.000Z');

      // Act
      const texts = [wholeSecond, NOW].map((ms) => time.epochMilliSecondsToFormatted(ms, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 'Etc/UTC'));

      // Assess
      expect(texts).toEqual(['2026-11-27T14:05:09.000Z', '2026-11-27T14:05:09.123Z']);
    });

    it('parses ISO 8601 and formatted text back to epoch milliseconds', () => {
      // Prepare
      const time = utilOf(runtimeFor()).time;

      // Act
      const iso = time.parseISO8601ToEpochMilliSeconds('2026-11-27T15:05:09.123+01:00');
      const formatted = time.parseFormattedToEpochMilliSeconds('2026-11-27 15:05:09', 'yyyy-MM-dd HH:mm:ss', 'Europe/Berlin');

      // Assess
      expect(iso).toBe(NOW);
      expect(formatted).toBe(NOW - 123);
      expect(time.epochMilliSecondsToSeconds(NOW)).toBe(Math.floor(NOW / 1000));
      expect(time.epochMilliSecondsToISO8601(NOW)).toBe('2026-11-27T14:05:09.123Z');
    });

    it('refuses a date-time without a zone', () => {
      // Prepare
      const time = utilOf(runtimeFor()).time;

      // Act
      const act = () => time.parseISO8601ToEpochMilliSeconds('2026-11-27T14:05:09');

      // Assess
      expect(act).toThrow(UtilityArgumentError);
    });
  });

  describe('util.dynamodb', () => {
    it('converts values the way AppSync does (numbers stay numbers)', () => {
      // Prepare
      const ddb = utilOf(runtimeFor()).dynamodb;

      // Act
      const item = ddb.toMapValues({ foo: 'bar', baz: 1234, beep: ['boop'], ok: true, none: null, skipped: undefined, m: { a: 1 } });

      // Assess
      expect(item).toEqual({
        foo: { S: 'bar' },
        baz: { N: 1234 },
        beep: { L: [{ S: 'boop' }] },
        ok: { BOOL: true },
        none: { NULL: null },
        m: { M: { a: { N: 1 } } },
      });
    });

    it('builds sets, scalars, nulls and S3 objects', () => {
      // Prepare
      const ddb = utilOf(runtimeFor()).dynamodb;

      // Act
      const values = [
        ddb.toStringSet(['foo', 'bar']),
        ddb.toNumberSet([1, 23, 4.56]),
        ddb.toString('test'),
        ddb.toString(null),
        ddb.toNumber(12345),
        ddb.toBoolean(true),
        ddb.toNull(),
        ddb.toS3Object('foo', 'bar', 'baz'),
        ddb.toS3Object('foo', 'bar', 'baz', 'beep'),
      ];

      // Assess
      expect(values).toEqual([
        { SS: ['foo', 'bar'] },
        { NS: [1, 23, 4.56] },
        { S: 'test' },
        null,
        { N: 12345 },
        { BOOL: true },
        { NULL: null },
        { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' },
        { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
      ]);
    });

    it('refuses a set holding values of another type', () => {
      // Prepare
      const ddb = utilOf(runtimeFor()).dynamodb;

      // Act
      const act = () => ddb.toStringSet(['a', 1]);

      // Assess
      expect(act).toThrow(UtilityArgumentError);
    });
  });

  describe('extensions', () => {
    it('records the subscription filter and invalidation filter', () => {
      // Prepare
      const rt = runtimeFor('onNotification', 'Subscription');
      const util = utilOf(rt);
      const extensions = rt.module.extensions as Record<string, (f: unknown) => void>;

      // Act
      extensions.setSubscriptionFilter!(util.transform.toSubscriptionFilter({ ownerId: { eq: 'me' } }));
      extensions.setSubscriptionInvalidationFilter!(util.transform.toSubscriptionFilter({ id: { eq: 'u1' } }));

      // Assess
      expect(rt.state.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'ownerId', operator: 'eq', value: 'me' }] }] });
      expect(rt.state.subscriptionInvalidationFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: 'u1' }] }] });
    });

    it('refuses a subscription filter that is not in filterGroup form', () => {
      // Prepare
      const rt = runtimeFor('onNotification', 'Subscription');
      const extensions = rt.module.extensions as Record<string, (f: unknown) => void>;

      // Act
      const act = () => extensions.setSubscriptionFilter!({ ownerId: { eq: 'me' } });

      // Assess
      expect(act).toThrow(UtilityArgumentError);
      expect(rt.state.subscriptionFilter).toBeNull();
    });
  });

  describe('unsupported utilities', () => {
    it('refuses util.xml, util.rds and the OpenSearch transform with a clear error', () => {
      // Prepare
      const util = utilOf(runtimeFor());

      // Act
      const acts = [() => util.xml.toMap('<a/>'), () => util.rds.toJsonObject('{}'), () => util.transform.toElasticsearchQueryDSL({})];

      // Assess
      for (const act of acts) expect(act).toThrow(UnsupportedUtilityError);
    });
  });

  it('freezes the module so resolver code cannot replace utilities', () => {
    // Prepare
    const rt = runtimeFor();

    // Act
    const act = () => {
      'use strict';
      (rt.module.util as Util).autoId = () => 'x';
    };

    // Assess
    expect(act).toThrow(TypeError);
  });
});
