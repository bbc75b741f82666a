// STS's own errors, with the codes and statuses of its service model.

import { AwsError } from "./AwsError.ts";

export class PackedPolicyTooLarge extends AwsError {
  constructor(message: string) {
    super("PackedPolicyTooLarge", 400, message);
  }
}

export class InvalidAuthorizationMessageException extends AwsError {
  constructor() {
    // AWS wording unconfirmed.
    super("InvalidAuthorizationMessageException", 400, "The encoded authorization message is invalid.");
  }
}

/** The identity provider's token or assertion could not be validated (AssumeRoleWith*). */
export class InvalidIdentityToken extends AwsError {
  constructor(message: string) {
    super("InvalidIdentityToken", 400, message);
  }
}

/** The identity provider's token or assertion has expired. */
export class ExpiredTokenException extends AwsError {
  constructor(message: string) {
    super("ExpiredTokenException", 400, message);
  }
}

/** The identity provider reported that authentication failed, or a claim is not acceptable. */
export class IDPRejectedClaim extends AwsError {
  constructor(message: string) {
    super("IDPRejectedClaim", 403, message);
  }
}
