// Thrown by a mutating operation that must fail *and* keep what it wrote: a wrong MFA code is
// counted for throttling in the request's own transaction, which then commits, and only then is
// the request answered with `error`. Counting in the same transaction as the check is what makes
// the throttle hold under concurrency (the check and the count are serialised by the store's
// write lock); counting after a rollback would let a burst of parallel guesses all pass the check
// before any failure is recorded.
//
// The operation must have written nothing but what should survive the failure when it throws
// this. Outside a transaction (a read-only operation) it is answered as `error` with nothing kept.

import type { AwsError } from "../domain/errors/AwsError.ts";

export class CommitThenFail extends Error {
  constructor(readonly error: AwsError) {
    super(error.message);
    this.name = "CommitThenFail";
  }
}
