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
