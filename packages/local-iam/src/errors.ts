/**
 * Base class of every error raised by `@notifier/local-iam`.
 *
 * @example
 * ```ts
 * try { verifySigV4Request(req, options); } catch (e) { if (e instanceof LocalIamError) ... }
 * ```
 */
export class LocalIamError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalIamError';
  }
}

/**
 * A request was refused by SigV4 verification; carries the HTTP status and the AWS `errorType`
 * AppSync answers with, so a server can reply `{ errors: [{ errorType, message }] }` unchanged.
 *
 * @example
 * ```ts
 * if (e instanceof SigV4VerificationError) res.writeHead(e.statusCode, { 'x-amzn-ErrorType': e.errorType });
 * ```
 */
export class SigV4VerificationError extends LocalIamError {
  /** HTTP status AppSync replies with. */
  public readonly statusCode: number;
  /** AWS error type (`x-amzn-ErrorType` header and `errors[].errorType`). */
  public readonly errorType: string;

  public constructor(message: string, statusCode: number, errorType: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SigV4VerificationError';
    this.statusCode = statusCode;
    this.errorType = errorType;
  }
}

/**
 * No `Authorization` header at all (AppSync: 401 `UnauthorizedException`).
 *
 * @example
 * ```ts
 * new MissingAuthenticationError();
 * ```
 */
export class MissingAuthenticationError extends SigV4VerificationError {
  public constructor(options?: ErrorOptions) {
    super('Valid authorization header not provided.', 401, 'UnauthorizedException', options);
    this.name = 'MissingAuthenticationError';
  }
}

/**
 * The `Authorization` header is not a complete SigV4 header, or a required date/host header is
 * absent or unsigned (400 `IncompleteSignatureException`).
 *
 * @example
 * ```ts
 * new IncompleteSignatureError("Authorization header requires 'Signature' parameter.");
 * ```
 */
export class IncompleteSignatureError extends SigV4VerificationError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, 400, 'IncompleteSignatureException', options);
    this.name = 'IncompleteSignatureError';
  }
}

/** Why a security token or access key was not recognised. */
export type UnrecognizedClientReason = 'unknown-access-key' | 'missing-security-token' | 'security-token-mismatch';

/**
 * Unknown access key, or a session token that is missing or does not belong to the key
 * (403 `UnrecognizedClientException`, "The security token included in the request is invalid.").
 *
 * @example
 * ```ts
 * new UnrecognizedClientError('unknown-access-key');
 * ```
 */
export class UnrecognizedClientError extends SigV4VerificationError {
  /** Which check failed (AWS gives the same answer for all three; tests and logs need the detail). */
  public readonly reason: UnrecognizedClientReason;

  public constructor(reason: UnrecognizedClientReason, options?: ErrorOptions) {
    super('The security token included in the request is invalid.', 403, 'UnrecognizedClientException', options);
    this.name = 'UnrecognizedClientError';
    this.reason = reason;
  }
}

/**
 * The temporary credentials have expired (403 `ExpiredTokenException`).
 *
 * @example
 * ```ts
 * new ExpiredTokenError(new Date('2026-01-01T00:00:00Z'));
 * ```
 */
export class ExpiredTokenError extends SigV4VerificationError {
  /** When the credentials expired. */
  public readonly expiration: Date;

  public constructor(expiration: Date, options?: ErrorOptions) {
    super('The security token included in the request is expired', 403, 'ExpiredTokenException', options);
    this.name = 'ExpiredTokenError';
    this.expiration = expiration;
  }
}

/**
 * The recomputed signature differs from the one sent, or the credential scope is wrong
 * (403 `InvalidSignatureException`). For a mismatch the message carries the canonical request and
 * string to sign the server computed, as AWS does.
 *
 * @example
 * ```ts
 * new InvalidSignatureError('The request signature we calculated does not match ...');
 * ```
 */
export class InvalidSignatureError extends SigV4VerificationError {
  /** Canonical request the server computed (only for a signature mismatch). */
  public readonly canonicalRequest?: string;
  /** String to sign the server computed (only for a signature mismatch). */
  public readonly stringToSign?: string;

  public constructor(
    message: string,
    details: { canonicalRequest?: string; stringToSign?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, 403, 'InvalidSignatureException', options);
    this.name = 'InvalidSignatureError';
    this.canonicalRequest = details.canonicalRequest;
    this.stringToSign = details.stringToSign;
  }
}

/**
 * The request date is outside the allowed clock skew. AppSync answers 400 `BadRequestException`
 * with AWS's "Signature expired: ... is now earlier than ..." text, which is what aws-amplify's
 * clock-skew correction recognises.
 *
 * @example
 * ```ts
 * new SignatureExpiredError('Signature expired: 20260101T000000Z is now earlier than ...', new Date());
 * ```
 */
export class SignatureExpiredError extends SigV4VerificationError {
  /** The request's signing date. */
  public readonly signedAt: Date;

  public constructor(message: string, signedAt: Date, options?: ErrorOptions) {
    super(message, 400, 'BadRequestException', options);
    this.name = 'SignatureExpiredError';
    this.signedAt = signedAt;
  }
}

/**
 * Invalid arguments given to a local-iam function (a programming or configuration error, not a
 * refused request).
 *
 * @example
 * ```ts
 * new LocalIamConfigError('region is required');
 * ```
 */
export class LocalIamConfigError extends LocalIamError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalIamConfigError';
  }
}

/**
 * A policy document is malformed (no Statement, an Effect other than Allow/Deny, neither Action
 * nor NotAction, ...). `location` says which policy and statement.
 *
 * @example
 * ```ts
 * new PolicyDocumentError("Effect must be 'Allow' or 'Deny'", 'policies[0].Statement[2]');
 * ```
 */
export class PolicyDocumentError extends LocalIamError {
  /** Where in the input the problem is, e.g. `policies[0].Statement[2]`. */
  public readonly location: string;

  public constructor(message: string, location: string, options?: ErrorOptions) {
    super(`${location}: ${message}`, options);
    this.name = 'PolicyDocumentError';
    this.location = location;
  }
}

/**
 * A cloud assembly or template cannot be read, or a value in it cannot be resolved locally. The
 * message names the stack, the logical id and the property path.
 *
 * @example
 * ```ts
 * new TemplateResolutionError("Fn::ImportValue 'X' is not exported by any stack", { stackName: 'S', logicalId: 'Role', path: 'Properties.Policies' });
 * ```
 */
export class TemplateResolutionError extends LocalIamError {
  /** Stack the value belongs to. */
  public readonly stackName?: string;
  /** Logical id of the resource or output being resolved. */
  public readonly logicalId?: string;
  /** Property path inside the resource, e.g. `Properties.PolicyDocument.Statement[0].Resource`. */
  public readonly path?: string;

  public constructor(
    message: string,
    where: { stackName?: string; logicalId?: string; path?: string } = {},
    options?: ErrorOptions,
  ) {
    const prefix = [where.stackName, where.logicalId].filter(Boolean).join('/');
    const location = [prefix, where.path].filter(Boolean).join(' ');
    super(location ? `${location}: ${message}` : message, options);
    this.name = 'TemplateResolutionError';
    this.stackName = where.stackName;
    this.logicalId = where.logicalId;
    this.path = where.path;
  }
}
