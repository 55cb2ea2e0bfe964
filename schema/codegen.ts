// GraphQL Code Generator configuration: typed operations for apps and clients, schema types for the
// resolvers. `documentMode: 'string'` makes each document a `TypedDocumentString` (a String
// subclass), so consumers send the query text as-is without bundling graphql-js.
// Run through scripts/generate.ts (`pnpm build` / `pnpm codegen`), which also marks every document
// pure so bundlers drop the ones a Lambda does not import.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** AppSync scalars as TypeScript sees them on the wire. */
const scalars = {
  ID: 'string',
  AWSDate: 'string',
  AWSTime: 'string',
  AWSDateTime: 'string',
  AWSTimestamp: 'number',
  AWSEmail: 'string',
  AWSJSON: 'string',
  AWSURL: 'string',
  AWSPhone: 'string',
  AWSIPAddress: 'string',
};

const common = {
  scalars,
  strictScalars: true,
  enumsAsTypes: true,
  useTypeImports: true,
  skipTypename: true,
};

const config: CodegenConfig = {
  schema: ['appsync.graphql', 'schema.graphql'],
  documents: ['operations/*.graphql'],
  generates: {
    // Every schema type (inputs, enums, output objects, field arguments): what resolvers are typed by.
    'src/generated/schema-types.ts': {
      plugins: ['typescript'],
      config: { ...common, avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false } },
    },
    // Operation results and variables plus the documents themselves: what apps and clients import.
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        ...common,
        documentMode: 'string',
        dedupeFragments: true,
        importSchemaTypesFrom: './src/generated/schema-types.ts',
      },
    },
  },
};

export default config;
