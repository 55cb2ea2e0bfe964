/** Base class of every error the notifier CDK app throws. */
export class InfraError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/** A CDK context value (stage, origins, alarm email, ...) is missing or invalid. */
export class InfraConfigError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InfraConfigError';
  }
}

/** The schema, the resolver manifest or a resolver file does not match what the API needs. */
export class SchemaBindingError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchemaBindingError';
  }
}

/** A construct is wired in a way that would break least privilege (a second mutation grant, ...). */
export class WiringError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WiringError';
  }
}

/** A dead-letter message is neither a Lambda on-failure record nor an EventBridge dead letter. */
export class RedriveMessageError extends InfraError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RedriveMessageError';
  }
}
