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

/** AssumeRoleWithWebIdentity: the token is malformed, unsigned or signed wrongly, or names no provider. */
export class InvalidIdentityToken extends AwsError {
  constructor(message: string) {
    super("InvalidIdentityToken", 400, message);
  }
}

/** AssumeRoleWithWebIdentity: the token's `exp` (with the five-minute allowance) has passed. */
export class ExpiredTokenException extends AwsError {
  constructor(message: string) {
    super("ExpiredTokenException", 400, message);
  }
}

/** The identity provider's claims are not acceptable (e.g. session tags it passes are malformed). */
export class IDPRejectedClaim extends AwsError {
  constructor(message: string) {
    super("IDPRejectedClaim", 403, message);
  }
}

/** The identity provider that must vouch for a token (its discovery document, its keys) cannot be reached. */
export class IDPCommunicationError extends AwsError {
  constructor(message: string) {
    super("IDPCommunicationError", 400, message);
  }
}
