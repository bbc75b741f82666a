// Authentication failures, as AWS answers them. Whatever failed inside (unknown key, inactive
// key, deleted user, tampered token), the caller sees one of these fixed messages and nothing
// more: the detail goes to the audit record's internal reason, never to the wire.

import { AwsError } from "./AwsError.ts";

export class MissingAuthenticationToken extends AwsError {
  constructor() {
    super("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
  }
}

/** A malformed Authorization header or presigned query; the message names what is missing. */
export class IncompleteSignature extends AwsError {
  constructor(message: string) {
    super("IncompleteSignature", 400, message);
  }
}

export class InvalidClientTokenId extends AwsError {
  constructor() {
    super("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
  }
}

export class SignatureDoesNotMatch extends AwsError {
  constructor(
    message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  ) {
    super("SignatureDoesNotMatch", 403, message);
  }
}

export class ExpiredToken extends AwsError {
  constructor() {
    super("ExpiredToken", 403, "The security token included in the request is expired");
  }
}
