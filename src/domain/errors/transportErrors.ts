// Refusals made before a request reaches the pipeline: the HTTP layer's (a header section too
// large, bytes HTTP does not allow, a request not finished in time, no such route). Rendered as
// AWS's ErrorResponse like every other refusal.

import { AwsError } from "./AwsError.ts";

export class RequestHeaderSectionTooLarge extends AwsError {
  constructor() {
    // AWS wording unconfirmed (S3's code and message; IAM's front end does not document one)
    super(
      "RequestHeaderSectionTooLarge",
      431,
      "Your request header section exceeds the maximum allowed size.",
    );
  }
}

export class MalformedHttpRequest extends AwsError {
  constructor() {
    // AWS wording unconfirmed
    super("InvalidRequest", 400, "The request could not be read as HTTP/1.1.");
  }
}

export class RequestTimeout extends AwsError {
  constructor() {
    // AWS wording unconfirmed (S3's RequestTimeout message)
    super(
      "RequestTimeout",
      408,
      "Your socket connection to the server was not read from or written to within the timeout period.",
    );
  }
}

export class RouteNotFound extends AwsError {
  constructor() {
    // AWS wording unconfirmed
    super("NotFound", 404, "There is no such resource at this path; the Query API is served at '/'.");
  }
}
