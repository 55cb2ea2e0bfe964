// Synthesizes the whole app once per test file (synthesis is the slow part), without bundling:
// handler bundles are covered by bundling.test.ts and `pnpm synth`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FEATURE_FLAGS } from '../../lib/feature-flags';
import { createNotifierStacks, type NotifierStacks } from '../../lib/notifier-app';

/** One synthesized stage. */
export interface SynthesizedNotifier {
  readonly app: App;
  readonly stacks: NotifierStacks;
  /** Templates by stack name. */
  readonly templates: Record<string, Template>;
  /** Removes the output directory. */
  readonly cleanup: () => void;
}

/** Synthesizes every stack with the given context (stage, origins, ...), bundling skipped. */
export function synthesizeNotifier(context: Record<string, unknown> = {}): SynthesizedNotifier {
  const outdir = mkdtempSync(path.join(tmpdir(), 'notifier-infra-'));
  const app = new App({
    outdir,
    context: { ...FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stacks = createNotifierStacks(app);
  app.synth();
  const templates: Record<string, Template> = {};
  for (const stack of allStacks(stacks)) templates[stack.stackName] = Template.fromStack(stack);
  return { app, stacks, templates, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Every stack of a stage. */
export function allStacks(stacks: NotifierStacks): Stack[] {
  return [
    stacks.storage,
    stacks.api,
    stacks.auth,
    stacks.imageTagger,
    stacks.videoTranscriber,
    stacks.bulkLoadNotice,
    stacks.modelReadyNotice,
  ];
}

/** A CloudFormation resource as it appears in a template. */
export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>;
}

/** The value of a tag on a resource, if present. */
export function tagValue(resource: CfnResourceJson, key: string): string | undefined {
  const tags = (resource.Properties?.Tags ?? []) as Array<{ Key: string; Value: string }>;
  return tags.find((tag) => tag.Key === key)?.Value;
}

/**
 * Renders an intrinsic as text: `Fn::Join` concatenated, references as `<ImportValue:name>`,
 * `<GetAtt:Logical.Attr>`, `<Ref:Logical>`.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('Fn::Join' in obj) {
      const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(sep);
    }
    if ('Fn::ImportValue' in obj) return `<ImportValue:${render(obj['Fn::ImportValue'])}>`;
    if ('Fn::GetAtt' in obj) return `<GetAtt:${(obj['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Ref' in obj) return `<Ref:${String(obj.Ref)}>`;
  }
  return JSON.stringify(value);
}

/** One IAM statement, normalized (arrays everywhere). */
export interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
  Condition?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Every statement granted to a role by its inline policies and the AWS::IAM::Policy resources attached
 * to it (managed policies: see {@link managedPoliciesOfRole}).
 */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleLogicalId];
  if (!role) throw new Error(`no role ${roleLogicalId}`);
  const documents: Array<{ Statement: unknown }> = [];
  for (const inline of asArray(role.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown } }>)) {
    documents.push(inline.PolicyDocument);
  }
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = asArray(policy.Properties?.Roles as unknown[]).map(render);
    if (roles.includes(`<Ref:${roleLogicalId}>`)) documents.push(policy.Properties?.PolicyDocument as { Statement: unknown });
  }
  return documents.flatMap((doc) =>
    asArray(doc.Statement as Array<Record<string, unknown>>).map((s) => ({
      Effect: s.Effect as string,
      Action: asArray(s.Action as string | string[]),
      Resource: asArray(s.Resource as unknown),
      ...(s.Condition ? { Condition: s.Condition } : {}),
    })),
  );
}

/** A role found in some stack, with its tags. */
export interface FoundRole {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
  readonly template: Template;
}

/** Every role of every stack. */
export function allRoles(templates: Record<string, Template>): FoundRole[] {
  return Object.entries(templates).flatMap(([stackName, template]) =>
    Object.entries(resourcesOf(template, 'AWS::IAM::Role')).map(([logicalId, resource]) => ({
      stackName,
      logicalId,
      resource,
      template,
    })),
  );
}

/** The managed policy ARNs attached to a role, rendered. */
export function managedPoliciesOfRole(role: CfnResourceJson): string[] {
  return asArray(role.Properties?.ManagedPolicyArns as unknown[]).map((arn) =>
    typeof arn === 'object' && arn !== null && 'Fn::Sub' in arn ? String((arn as Record<string, unknown>)['Fn::Sub']) : render(arn),
  );
}
