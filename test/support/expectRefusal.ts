// Awaits an AWS SDK call that must be refused, and returns what a test compares: the wire error
// code, the message and the HTTP status. Fails the test if the call succeeds. `assertRefusal`
// compares a refusal with AWS's code, status and (optionally) message.

import assert from "node:assert/strict";

export interface Refusal {
  code: string;
  message: string;
  status?: number;
}

export async function expectRefusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (err) {
    // The SDK names modelled errors after their shapes (EntityAlreadyExistsException); the wire
    // code is in `Code`, and that is what AWS's documentation and the CLI show.
    const e = err as {
      name: string;
      Code?: string;
      message: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      code: e.Code ?? e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  assert.fail("expected the call to be refused");
}

/** Checks a refusal's wire code, HTTP status and, when given, its message (exact or a pattern). */
export function assertRefusal(err: Refusal, code: string, status: number, message?: string | RegExp): void {
  assert.equal(err.code, code, err.message);
  assert.equal(err.status, status);
  if (typeof message === "string") assert.equal(err.message, message);
  else if (message) assert.match(err.message, message);
}

/** Awaits a call that must be refused with this code, status and (when given) message. */
export async function expectAwsError(
  promise: Promise<unknown>,
  code: string,
  status: number,
  message?: string | RegExp,
): Promise<void> {
  assertRefusal(await expectRefusal(promise), code, status, message);
}
