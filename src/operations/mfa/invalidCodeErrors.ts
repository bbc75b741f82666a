// The errors a wrong or throttled MFA code gets, in IAM's words (EnableMFADevice,
// ResyncMFADevice) and in STS's (GetSessionToken). A throttled attempt is answered with the same
// code as a wrong one, so clients do not retry it, with a message that says when to try again.

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { InvalidAuthenticationCode } from "../../domain/errors/iamErrors.ts";
import { throttledMessage } from "./mfaCodeThrottle.ts";

export function invalidIamCode(): InvalidAuthenticationCode {
  return new InvalidAuthenticationCode("Authentication code for device is not valid.");
}

export function throttledIamCode(retryAfter: Date): InvalidAuthenticationCode {
  return new InvalidAuthenticationCode(throttledMessage(retryAfter));
}

export function invalidStsCode(): AccessDenied {
  return new AccessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
}

export function unknownStsDevice(): AccessDenied {
  return new AccessDenied(
    "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.",
  );
}

export function throttledStsCode(retryAfter: Date): AccessDenied {
  return new AccessDenied(`MultiFactorAuthentication failed. ${throttledMessage(retryAfter)}`);
}
