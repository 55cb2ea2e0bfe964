// cdk-nag (AwsSolutions) wiring: the checks for the whole app, and acknowledgments that carry their
// reason in code next to the construct they concern.
import { Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
// The same flattening cdk-nag applies to a statement's resources when it names an IAM5 finding.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * Runs the AwsSolutions checks on every stack at synthesis: a finding without an acknowledgment
 * fails `cdk synth`.
 *
 * @example
 * const app = new App();
 * createNotifierStacks(app);
 * applyAwsSolutionsChecks(app);
 */
export function applyAwsSolutionsChecks(app: App): AwsSolutionsChecks {
  // Acknowledgments stay in code (see `acknowledge` calls), not in template metadata: wildcard findings
  // are acknowledged after references resolve, too late for the metadata-writing aspect.
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  return checks;
}

/**
 * Acknowledges one cdk-nag rule (or one finding, `AwsSolutions-IAM5[Resource::*]`) on a construct
 * and everything under it, with the reason it does not apply.
 *
 * @example
 * acknowledge(topic, 'AwsSolutions-SNS2', 'Alarm notifications carry no data; see README');
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges the AwsSolutions-IAM5 finding of one wildcard resource of a role's policy.
 *
 * The finding id embeds the resource as the template spells it, which for a cross-stack reference is
 * only known once CDK has resolved references (`Fn::ImportValue`): the id is computed then, in a
 * validation hook, so the acknowledgment always names exactly the resource that was granted.
 *
 * @example
 * acknowledgeWildcardResource(role, bucket.arnForObjects('private/*'), 'Uploads of every owner');
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const resolved: unknown = Stack.of(scope).resolve(resource);
      acknowledge(scope, `AwsSolutions-IAM5[Resource::${flattenCfnReference(resolved)}]`, reason);
      return [];
    },
  });
}
