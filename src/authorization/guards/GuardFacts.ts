// The facts an operation supplies for the guards that are not policy. Each is read by the
// operation inside its own transaction, so a guard decides on the state the change is made against.

import type { OwnPasswordChangeFacts } from "./allowsOwnPasswordChange.ts";
import type { MfaSelfManagementFacts } from "./assertMfaSelfManagement.ts";

export interface GuardFacts {
  /** For EnableMFADevice and DeactivateMFADevice: the 2023 remediation's facts. */
  readonly mfaSelfManagement?: MfaSelfManagementFacts;
  /** For ChangePassword: whether the account lets every user change its own password. */
  readonly ownPasswordChange?: OwnPasswordChangeFacts;
}
