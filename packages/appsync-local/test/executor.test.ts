import { buildAppSyncSchema } from '../src';
import { prepareOperation } from '../src/executor';

const { schema } = buildAppSyncSchema(`
  type Query { a: String, b: String, c: Item }
  type Item { x: String, y: String }
`);

const topLevelKeys = (prepared: ReturnType<typeof prepareOperation>): string[] => {
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return prepared.prepared.topLevel.fields.map((f) => f.key);
};

describe('Function: prepareOperation', () => {
  it('reuses the compiled top-level selection of a document without @skip or @include', () => {
    // Prepare
    const query = 'query Q { a bee: b c { x ...Y } } fragment Y on Item { y }';

    // Act
    const first = prepareOperation(schema, { query, variables: { v: '1' } });
    const second = prepareOperation(schema, { query, variables: { v: '2' } });

    // Assess
    if (!first.ok || !second.ok) throw new Error('expected both to be valid');
    expect(second.prepared.topLevel).toBe(first.prepared.topLevel);
    expect(first.prepared.topLevel.fields.map((f) => [f.key, f.selection?.fields.map((s) => s.key) ?? null])).toEqual([
      ['a', null],
      ['bee', null],
      ['c', ['x', 'y']],
    ]);
  });

  it('applies @skip and @include with the variables of each request', () => {
    // Prepare
    const query = 'query Q($on: Boolean!) { a @include(if: $on) b @skip(if: $on) ... on Query @include(if: $on) { c { x } } }';

    // Act
    const on = prepareOperation(schema, { query, variables: { on: true } });
    const off = prepareOperation(schema, { query, variables: { on: false } });
    const onAgain = prepareOperation(schema, { query, variables: { on: true } });

    // Assess
    expect(topLevelKeys(on)).toEqual(['a', 'c']);
    expect(topLevelKeys(off)).toEqual(['b']);
    expect(topLevelKeys(onAgain)).toEqual(['a', 'c']);
  });

  it('applies @skip inside a fragment with the variables of each request', () => {
    // Prepare
    const query = 'query Q($skipA: Boolean!) { ...F b } fragment F on Query { a @skip(if: $skipA) }';

    // Act
    const skipped = prepareOperation(schema, { query, variables: { skipA: true } });
    const kept = prepareOperation(schema, { query, variables: { skipA: false } });

    // Assess
    expect(topLevelKeys(skipped)).toEqual(['b']);
    expect(topLevelKeys(kept)).toEqual(['a', 'b']);
  });
});
