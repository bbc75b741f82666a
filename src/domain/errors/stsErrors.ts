// STS's own errors, with the codes and statuses of its service model.

import { AwsError } from "./AwsError.ts";

export class PackedPolicyTooLarge extends AwsError {
  constructor(message: string) {
    super("PackedPolicyTooLarge", 400, message);
  }
}
