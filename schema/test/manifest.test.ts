import { buildSchema, isObjectType } from 'graphql';
import { readFileSync, statSync } from 'node:fs';
import { APPSYNC_CODE_LIMIT_BYTES } from '../scripts/build-resolvers';
import { readResolversManifest, readSchemaWithAppSyncDeclarations, resolveDistFile } from '../src/paths';

describe('Module: dist/resolvers.json', () => {
  it('has exactly one entry for every Query, Mutation and Subscription field', () => {
    // Prepare
    const schema = buildSchema(readSchemaWithAppSyncDeclarations());
    const fields = ['Query', 'Mutation', 'Subscription'].flatMap((typeName) => {
      const type = schema.getType(typeName);
      return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
    });

    // Act
    const entries = readResolversManifest().resolvers.map((r) => `${r.typeName}.${r.fieldName}`);

    // Assess
    expect(fields.length).toBeGreaterThan(10);
    expect([...entries].sort()).toEqual([...fields].sort());
  });

  it('points every resolver and function at a bundle under AppSync\'s 32 KB that imports only @aws-appsync/utils', () => {
    // Prepare
    const manifest = readResolversManifest();
    const files = manifest.resolvers.flatMap((r) => [r.file, ...(r.functions ?? []).map((f) => f.file)]);

    // Act
    const bundles = files.map((file) => ({ file, size: statSync(resolveDistFile(file)).size, code: readFileSync(resolveDistFile(file), 'utf8') }));

    // Assess
    for (const bundle of bundles) {
      expect(bundle.size).toBeLessThanOrEqual(APPSYNC_CODE_LIMIT_BYTES);
      const imports = [...bundle.code.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(imports)).toEqual(new Set(['@aws-appsync/utils']));
      expect(bundle.code).not.toContain('sourceMappingURL');
    }
  });

  it('declares data sources infra creates, with pipeline functions for PIPELINE resolvers', () => {
    // Prepare
    const manifest = readResolversManifest();

    // Act
    const notifications = manifest.resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'notifications');
    const unit = manifest.resolvers.filter((r) => r.kind === 'UNIT');

    // Assess
    expect(notifications).toEqual({
      typeName: 'Query',
      fieldName: 'notifications',
      kind: 'PIPELINE',
      file: 'resolvers/Query.notifications.js',
      functions: [
        { name: 'queryOwnerFeed', dataSource: 'notifications', file: 'functions/queryOwnerFeed.js' },
        { name: 'queryBroadcastFeed', dataSource: 'notifications', file: 'functions/queryBroadcastFeed.js' },
      ],
    });
    for (const r of unit) expect(['users', 'notifications', 'none']).toContain(r.dataSource);
    expect(manifest.resolvers.filter((r) => r.typeName === 'Subscription').every((r) => r.dataSource === 'none')).toBe(true);
  });
});
