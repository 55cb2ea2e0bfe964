export {
  LocalIamError,
  LocalIamConfigError,
  SigV4VerificationError,
  MissingAuthenticationError,
  IncompleteSignatureError,
  UnrecognizedClientError,
  ExpiredTokenError,
  InvalidSignatureError,
  SignatureExpiredError,
} from './errors';
export type { UnrecognizedClientReason } from './errors';
export {
  verifySigV4Request,
  staticCredentials,
  parseAuthorizationHeader,
  buildCanonicalRequest,
  canonicalPath,
  canonicalQuery,
  signatureFor,
  sha256Hex,
  toAmzDate,
  uriEscape,
} from './sigv4';
export type { VerifySigV4Options, ParsedAuthorization, CanonicalRequestInput } from './sigv4';
export { toAppSyncErrorResponse } from './error-response';
export type { AppSyncErrorResponse } from './error-response';
export type {
  AssumedRoleFields,
  RolePrincipal,
  IdentityPrincipal,
  Principal,
  CredentialRecord,
  CredentialLookup,
  CredentialSource,
  TemporaryCredentials,
  ReceivedRequest,
} from './types';
export {
  createCredentialRegistry,
  roleIdFor,
  cognitoAuthProvider,
  normalizeAuthProvider,
  COGNITO_SESSION_NAME,
} from './credential-registry';
export type {
  CredentialRegistry,
  CredentialRegistryOptions,
  RoleRef,
  MintForRoleOptions,
  MintForIdentityInput,
} from './credential-registry';
export { toAppSyncIdentity } from './appsync-identity';
export type { AppSyncIamIdentity } from './appsync-identity';
export { PolicyDocumentError } from './errors';
export { evaluate, globMatch, arnMatch, substituteVariables, policyContextFor } from './policy';
export type {
  PolicyDocument,
  PolicyStatement,
  ConditionValue,
  PolicyContext,
  PolicyRequestContext,
  EvaluateInput,
  EvaluationResult,
  MatchedStatement,
  UnsupportedCondition,
} from './policy';
export { TemplateResolutionError } from './errors';
export { loadCloudAssembly, cloudAssemblyFromTemplates } from './cloud-assembly';
export type {
  LoadCloudAssemblyOptions,
  CloudAssembly,
  AssemblyResource,
  AssemblyRole,
  Template,
  TemplateResource,
} from './cloud-assembly';
