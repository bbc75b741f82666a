/**
 * Thrown by the strict parser when a document is over its size quota (AWS answers
 * LimitExceeded). `.message` is AWS's text, e.g. `Cannot exceed quota for PolicySize: 6144`.
 */
export class PolicySizeExceededError extends Error {
  override name = "PolicySizeExceededError";
  readonly code = "LimitExceeded";
  constructor(
    message: string,
    readonly size: number,
    readonly maxSize: number,
  ) {
    super(message);
  }
}
