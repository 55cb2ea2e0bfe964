// Sign-in and AWS credentials for users: the user pool (with its post-auth trigger), the web client,
// the identity pool and its two roles.
import { CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnIdentityPool,
  CfnIdentityPoolRoleAttachment,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { FederatedPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';
import { TAG_ROLE, type GraphqlApiRef } from './constructs/notifier-function';
import { acknowledge, acknowledgeWildcardResource } from './nag';
import { PostAuthApp } from './post-auth';
import { clientFields, fieldArn } from './schema-fields';

/** Options of {@link AuthStack}. */
export interface AuthStackProps extends StackProps {
  /** Stage settings. */
  readonly config: StageConfig;
  /** The API signed-in users call. */
  readonly api: GraphqlApiRef;
  /** Users upload their media under `private/<identityId>/` here. */
  readonly uploadsBucket: IBucket;
  /** Where alarms publish. */
  readonly alarmTopic: ITopic;
}

/** The per-identity key prefix IAM substitutes for each caller (Amplify Storage's `private/` level). */
export const OWN_PRIVATE_PREFIX = 'private/${cognito-identity.amazonaws.com:sub}/*';

/**
 * The user pool, web client, identity pool, authenticated/unauthenticated roles, and the post-auth
 * trigger.
 *
 * @example
 * new AuthStack(app, 'Notifier-dev-Auth', { config, api: apiStack.api, uploadsBucket, alarmTopic });
 */
export class AuthStack extends Stack {
  /** The user pool (email sign-in). */
  public readonly userPool: UserPool;
  /** The web app client (no secret; SRP and USER_PASSWORD_AUTH). */
  public readonly webClient: UserPoolClient;
  /** The identity pool federating the user pool. */
  public readonly identityPool: CfnIdentityPool;
  /** Role of signed-in identities. */
  public readonly authRole: Role;
  /** Role of anonymous identities (disabled in the pool; holds no permission). */
  public readonly unauthRole: Role;
  /** The post-auth app. */
  public readonly postAuth: PostAuthApp;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `notifier-${config.stage}`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Lite has every feature used here (triggers, SRP, TOTP) at the lowest per-MAU price.
      featurePlan: FeaturePlan.LITE,
      deletionProtection: prod,
      removalPolicy: config.removalPolicy,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) so that self sign-up works without a second device; accounts may turn it on.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Threat protection needs the Plus feature plan (per-MAU cost); sign-in uses a 12-character password policy and optional TOTP.',
    );

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.identityPool = new CfnIdentityPool(this, 'IdentityPool', {
      identityPoolName: `notifier_${config.stage}`,
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          clientId: this.webClient.userPoolClientId,
          providerName: this.userPool.userPoolProviderName,
          serverSideTokenCheck: true,
        },
      ],
    });

    this.authRole = this.identityRole('AuthRole', 'authenticated', 'authRole');
    this.unauthRole = this.identityRole('UnauthRole', 'unauthenticated', 'unauthRole');

    this.authRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['appsync:GraphQL'],
        resources: clientFields().map((field) => fieldArn(props.api.arn, field)),
      }),
    );
    const ownUploads = props.uploadsBucket.arnForObjects(OWN_PRIVATE_PREFIX);
    this.authRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [ownUploads] }),
    );
    acknowledgeWildcardResource(this.authRole, ownUploads, "Each identity's own objects only: IAM substitutes the caller's identity id.");

    new CfnIdentityPoolRoleAttachment(this, 'IdentityPoolRoles', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.authRole.roleArn, unauthenticated: this.unauthRole.roleArn },
    });

    this.postAuth = new PostAuthApp(this, 'PostAuth', {
      userPool: this.userPool,
      api: props.api,
      alarmTopic: props.alarmTopic,
      config,
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolArn', { value: this.userPool.userPoolArn });
    new CfnOutput(this, 'UserPoolProviderName', { value: this.userPool.userPoolProviderName });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
    new CfnOutput(this, 'IdentityPoolId', { value: this.identityPool.ref });
    new CfnOutput(this, 'AuthRoleArn', { value: this.authRole.roleArn });
    new CfnOutput(this, 'UnauthRoleArn', { value: this.unauthRole.roleArn });
    new CfnOutput(this, 'PostAuthFunctionName', { value: this.postAuth.handler.function.functionName });
    new CfnOutput(this, 'PostAuthRoleArn', { value: this.postAuth.handler.role.roleArn });
  }

  /**
   * A role only identities of this identity pool (`aud`) with the given authentication state (`amr`)
   * can assume: without the `aud` condition any identity pool could.
   */
  private identityRole(id: string, amr: 'authenticated' | 'unauthenticated', tag: string): Role {
    const role = new Role(this, id, {
      description: `Cognito identity pool ${amr} identities`,
      assumedBy: new FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    Tags.of(role).add(TAG_ROLE, tag);
    return role;
  }
}
