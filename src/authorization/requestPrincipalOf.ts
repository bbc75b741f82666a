// The caller as the policy engine sees it in a Principal match: a role session is named by its
// session ARN and, one grade lower, by its role's ARN. Pure.

import type { CallerIdentity } from "../domain/Principal.ts";
import type { RequestPrincipal } from "../policy/index.ts";

export function requestPrincipalOf(caller: CallerIdentity): RequestPrincipal {
  switch (caller.type) {
    case "Root":
      return { arn: caller.arn, accountId: caller.accountId, type: "root" };
    case "IAMUser":
      return { arn: caller.arn, accountId: caller.accountId, type: "user" };
    case "AssumedRole":
      return {
        arn: caller.arn,
        accountId: caller.accountId,
        type: "assumed-role",
        ...(caller.roleSession ? { roleArn: caller.roleSession.roleArn } : {}),
      };
    case "FederatedUser":
      return {
        arn: caller.arn,
        accountId: caller.accountId,
        type: "federated-user",
        ...(caller.federatingUser ? { userArn: caller.federatingUser.arn } : {}),
      };
    case "WebIdentityUser":
    case "SAMLUser":
      // Trust policies name such a caller by its provider: `"Principal": {"Federated": arn}`.
      return { arn: caller.arn, accountId: caller.accountId, type: "identity-provider" };
  }
}
