// CDK feature flags the app is written against. Set in code (not only in cdk.json) so that tests and
// `cdk synth` build exactly the same templates.

/**
 * Feature flags passed as App context.
 *
 * @example
 * const app = new App({ context: FEATURE_FLAGS });
 */
export const FEATURE_FLAGS: Record<string, unknown> = {
  // Access-log delivery through a bucket policy, not the legacy LogDeliveryWrite ACL (ACLs stay disabled).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/core:checkSecretUsage': true,
  // Fn::ImportValue between stacks: CloudFormation refuses to delete a bucket or the API while an app
  // stack still uses it, and the local stack resolves the same intrinsic from the templates.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};
