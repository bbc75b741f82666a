// The checks on a SigV4 claim that need no secret: clock skew and presigned expiry, host among
// the signed headers, the credential scope's date. verifySigV4 runs them first; a server may
// also run them before looking up the access key, which is the order AWS answers in (an
// expired request says "Signature expired" whether or not its key id exists).
// Must not import anything but src/domain.

import { SignatureDoesNotMatch } from "../../domain/errors/authErrors.ts";
import { formatAmzDate } from "./formatAmzDate.ts";
import { credentialDateProblem } from "./parseSigV4Request.ts";
import type { SigV4Claim } from "./SigV4Claim.ts";

/** How far a request's time may be from ours, either way: AWS's 15 minutes. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export function checkSigV4Claim(claim: SigV4Claim, now: Date): void {
  const requestMs = claim.requestTime.getTime();
  const nowMs = now.getTime();

  // A request from the future is refused in both forms: it would otherwise stay valid for longer
  // than its signer meant (and a presigned URL dated ahead could outlive its X-Amz-Expires).
  if (requestMs > nowMs + MAX_CLOCK_SKEW_MS) {
    throw new SignatureDoesNotMatch(
      `Signature not yet current: ${formatAmzDate(claim.requestTime)} is still later than ` +
        `${formatAmzDate(new Date(nowMs + MAX_CLOCK_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
  if (claim.form === "query" && claim.expiresSeconds !== undefined) {
    // A presigned request lives exactly X-Amz-Expires seconds from its X-Amz-Date, no more.
    // AWS's wording for this case is not documented; this mirrors its skew message.
    const expiresMs = claim.expiresSeconds * 1000;
    if (nowMs > requestMs + expiresMs) {
      throw new SignatureDoesNotMatch(
        `Signature expired: ${formatAmzDate(claim.requestTime)} is now earlier than ` +
          `${formatAmzDate(new Date(nowMs - expiresMs))} (${formatAmzDate(now)} - ${claim.expiresSeconds} sec.)`,
      );
    }
  } else if (requestMs < nowMs - MAX_CLOCK_SKEW_MS) {
    // Bounds how long a captured request can be replayed.
    throw new SignatureDoesNotMatch(
      `Signature expired: ${formatAmzDate(claim.requestTime)} is now earlier than ` +
        `${formatAmzDate(new Date(nowMs - MAX_CLOCK_SKEW_MS))} (${formatAmzDate(now)} - 15 min.)`,
    );
  }

  // Host must be signed, or a captured request could be replayed against another endpoint
  // (another Portcullis, or another service sharing the credentials) unchanged.
  if (!claim.signedHeaders.includes("host")) {
    throw new SignatureDoesNotMatch(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }

  // The signing key is derived from the scope's date, and the string-to-sign carries the
  // request time: they must be the same day, or one signature would serve two days' keys.
  const dateProblem = credentialDateProblem(claim.credentialDate, claim.amzDate);
  if (dateProblem !== undefined) throw new SignatureDoesNotMatch(dateProblem);
}
