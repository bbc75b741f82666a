// What temporary credentials from sts:GetSessionToken may call, as AWS documents: opened without
// MFA, they cannot call any IAM operation (AWS answers InvalidClientTokenId, as if the token were
// unknown to IAM) and, of STS, only AssumeRole and GetCallerIdentity (AccessDenied, "Cannot call
// X with session credentials"). Opened with MFA, they are decided by policy like any credential.
// Federated user sessions (sts:GetFederationToken) are restricted likewise whatever their MFA, as
// AWS documents: no IAM operation (answered as for GetSessionToken's; AWS wording unconfirmed)
// and, of STS, only GetCallerIdentity. Role sessions are not restricted here.
// Pure: a function of the service, the operation name and the caller.

import { InvalidClientTokenId } from "../../domain/errors/authErrors.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";

const STS_ALLOWED_WITHOUT_MFA: ReadonlySet<string> = new Set(["AssumeRole", "GetCallerIdentity"]);

const STS_ALLOWED_TO_FEDERATED_USERS: ReadonlySet<string> = new Set(["GetCallerIdentity"]);

export function assertSessionScope(service: "iam" | "sts", operation: string, caller: CallerIdentity): void {
  const credential = caller.credential;
  if (caller.type === "FederatedUser") {
    if (service === "iam") throw new InvalidClientTokenId();
    if (!STS_ALLOWED_TO_FEDERATED_USERS.has(operation))
      throw new AccessDenied(`Cannot call ${operation} with session credentials`);
    return;
  }
  if (credential.kind !== "session" || credential.mfaAuthenticatedAt) return;
  // GetSessionToken's sessions are the only temporary credentials of users and root.
  if (caller.type !== "IAMUser" && caller.type !== "Root") return;
  if (service === "iam") throw new InvalidClientTokenId();
  if (!STS_ALLOWED_WITHOUT_MFA.has(operation))
    throw new AccessDenied(`Cannot call ${operation} with session credentials`);
}
