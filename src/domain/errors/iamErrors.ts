// The errors the IAM and STS service models declare, with the codes and statuses the models give.

import { AwsError } from "./AwsError.ts";

export class NoSuchEntity extends AwsError {
  constructor(message: string) {
    super("NoSuchEntity", 404, message);
  }
}

export class EntityAlreadyExists extends AwsError {
  constructor(message: string) {
    super("EntityAlreadyExists", 409, message);
  }
}

export class LimitExceeded extends AwsError {
  constructor(message: string) {
    super("LimitExceeded", 409, message);
  }
}

export class DeleteConflict extends AwsError {
  constructor(message: string) {
    super("DeleteConflict", 409, message);
  }
}

export class InvalidInput extends AwsError {
  constructor(message: string) {
    super("InvalidInput", 400, message);
  }
}

export class MalformedPolicyDocument extends AwsError {
  /**
   * Where in the document the refusal points (1-based), when the engine knows. Not on the wire:
   * AWS's answer has only the message. In-process callers (the console's editor) read it here.
   */
  readonly position: { line: number; column: number } | undefined;

  constructor(message: string, position?: { line: number; column: number }) {
    super("MalformedPolicyDocument", 400, message);
    this.position = position;
  }
}

export class InvalidAuthenticationCode extends AwsError {
  constructor(message: string) {
    super("InvalidAuthenticationCode", 403, message);
  }
}

export class ConcurrentModification extends AwsError {
  constructor(message: string) {
    super("ConcurrentModification", 409, message);
  }
}

export class UnmodifiableEntity extends AwsError {
  constructor(message: string) {
    super("UnmodifiableEntity", 400, message);
  }
}

export class PolicyNotAttachable extends AwsError {
  constructor(message: string) {
    super("PolicyNotAttachable", 400, message);
  }
}

export class ServiceFailure extends AwsError {
  constructor(message: string) {
    super("ServiceFailure", 500, message, "Receiver");
  }
}

export class PasswordPolicyViolation extends AwsError {
  constructor(message: string) {
    super("PasswordPolicyViolation", 400, message);
  }
}

export class EntityTemporarilyUnmodifiable extends AwsError {
  constructor(message: string) {
    super("EntityTemporarilyUnmodifiable", 409, message);
  }
}

export class InvalidUserType extends AwsError {
  constructor(message: string) {
    super("InvalidUserType", 400, message);
  }
}

export class ReportNotPresent extends AwsError {
  constructor(message: string) {
    super("ReportNotPresent", 410, message);
  }
}

export class ReportExpired extends AwsError {
  constructor(message: string) {
    super("ReportExpired", 410, message);
  }
}

export class DuplicateSSHPublicKey extends AwsError {
  constructor(message: string) {
    super("DuplicateSSHPublicKey", 400, message);
  }
}

export class InvalidPublicKey extends AwsError {
  constructor(message: string) {
    super("InvalidPublicKey", 400, message);
  }
}

export class UnrecognizedPublicKeyEncoding extends AwsError {
  constructor(message: string) {
    super("UnrecognizedPublicKeyEncoding", 400, message);
  }
}

export class DuplicateCertificate extends AwsError {
  constructor(message: string) {
    super("DuplicateCertificate", 409, message);
  }
}

export class MalformedCertificate extends AwsError {
  constructor(message: string) {
    super("MalformedCertificate", 400, message);
  }
}

export class InvalidCertificate extends AwsError {
  constructor(message: string) {
    super("InvalidCertificate", 400, message);
  }
}
