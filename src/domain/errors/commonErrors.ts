// Errors common to every AWS Query service (IAM and STS alike), with AWS's codes and statuses.

import { AwsError } from "./AwsError.ts";

export class AccessDenied extends AwsError {
  constructor(message: string) {
    super("AccessDenied", 403, message);
  }
}

export class ValidationError extends AwsError {
  constructor(message: string) {
    super("ValidationError", 400, message);
  }
}

export class InvalidParameterValue extends AwsError {
  constructor(message: string) {
    super("InvalidParameterValue", 400, message);
  }
}

export class InvalidParameterCombination extends AwsError {
  constructor(message: string) {
    super("InvalidParameterCombination", 400, message);
  }
}

export class MissingParameter extends AwsError {
  constructor(message: string) {
    super("MissingParameter", 400, message);
  }
}

export class InvalidAction extends AwsError {
  constructor(message: string) {
    super("InvalidAction", 400, message);
  }
}

/** An operation AWS has but Portcullis does not serve yet: a specific answer, never a 500. */
export class NotImplemented extends AwsError {
  constructor(operation: string) {
    super(
      "NotImplemented",
      501,
      `The operation ${operation} is not implemented by Portcullis yet.`,
      "Receiver",
    );
  }
}

export class Throttling extends AwsError {
  constructor(message = "Rate exceeded") {
    super("Throttling", 400, message);
  }
}

export class InternalFailure extends AwsError {
  constructor() {
    super(
      "InternalFailure",
      500,
      "The request processing has failed because of an unknown error, exception or failure.",
      "Receiver",
    );
  }
}

export class RequestEntityTooLarge extends AwsError {
  constructor() {
    super("RequestEntityTooLarge", 413, "Request body is too large.");
  }
}

/** AWS's common error for a temporary failure of the server: a client retries it with back-off. */
export class ServiceUnavailable extends AwsError {
  constructor(message = "The request has failed due to a temporary failure of the server.") {
    super("ServiceUnavailable", 503, message, "Receiver");
  }
}
