// CloudTrail's errors for LookupEvents, with AWS's codes; CloudTrail answers them with HTTP 400.

import { AwsError } from "./AwsError.ts";

export class InvalidLookupAttributesException extends AwsError {
  constructor(message: string) {
    super("InvalidLookupAttributesException", 400, message);
  }
}

export class InvalidTimeRangeException extends AwsError {
  constructor(message: string) {
    super("InvalidTimeRangeException", 400, message);
  }
}

export class InvalidMaxResultsException extends AwsError {
  constructor(message: string) {
    super("InvalidMaxResultsException", 400, message);
  }
}

export class InvalidNextTokenException extends AwsError {
  constructor(message: string) {
    super("InvalidNextTokenException", 400, message);
  }
}
