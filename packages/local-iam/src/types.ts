/** Fields shared by every caller that holds role credentials (roles and identity-pool identities). */
export interface AssumedRoleFields {
  /** Account that owns the role. */
  accountId: string;
  /** Role name, e.g. `ImageTaggerRole`. */
  roleName: string;
  /** `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** Unique role id (`AROA...`), derived deterministically from the role ARN. */
  roleId: string;
  /** Session name used in the assumed-role ARN. */
  sessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<roleName>/<sessionName>`. */
  userArn: string;
  /** `<roleId>:<sessionName>` (what AppSync reports as `username` for IAM callers). */
  user: string;
}

/** A caller that assumed a role directly (a Lambda function's execution role). */
export interface RolePrincipal extends AssumedRoleFields {
  kind: 'role';
}

/** A Cognito identity-pool identity holding credentials for the pool's role. */
export interface IdentityPrincipal extends AssumedRoleFields {
  kind: 'identity';
  /** Identity id, `<region>:<uuid>`. */
  cognitoIdentityId: string;
  /** Identity pool id, `<region>:<uuid>`. */
  cognitoIdentityPoolId: string;
  /** `authenticated` or `unauthenticated`. */
  cognitoIdentityAuthType: 'authenticated' | 'unauthenticated';
  /** Provider string as Cognito reports it (user-pool provider and `:CognitoSignIn:<sub>`). */
  cognitoIdentityAuthProvider: string;
}

/** Who signed a request, as far as the local IAM knows. */
export type Principal = RolePrincipal | IdentityPrincipal;

/** What the verifier needs to know about an access key. */
export interface CredentialRecord<P = Principal> {
  /** Secret access key paired with the access key id. */
  secretAccessKey: string;
  /** Session token the request must carry (`x-amz-security-token`) for temporary credentials. */
  sessionToken?: string;
  /** When temporary credentials stop being accepted. */
  expiration?: Date;
  /** The caller these credentials belong to. */
  principal: P;
}

/** Looks up an access key id; `undefined` when unknown. */
export type CredentialLookup<P = Principal> = (accessKeyId: string) => CredentialRecord<P> | undefined;

/** Something that can look up credentials: a function, or an object with `lookup` (a registry). */
export type CredentialSource<P = Principal> = CredentialLookup<P> | { lookup: CredentialLookup<P> };

/** Temporary credentials as STS hands them out. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** A request as received by a server, before any interpretation. */
export interface ReceivedRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Raw request target: path plus query string exactly as received (`/graphql?x=1`). */
  path: string;
  /**
   * Headers with lower-cased names. From Node, pass `IncomingMessage.headersDistinct`: repeated lines
   * stay separate values, joined with "," as SigV4 wants (`headers` joins them with ", ").
   */
  headers: Record<string, string | string[] | undefined>;
  /** Body bytes as received (a string is taken as UTF-8). */
  body: Uint8Array | string;
}
