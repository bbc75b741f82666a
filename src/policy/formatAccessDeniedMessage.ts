/**
 * AWS's AccessDenied message for a denied decision (troubleshoot_access-denied):
 * `User: <arn> is not authorized to perform: <action>[ on resource: <resource>] <context>`, where
 * context is `because no <type> policy allows the <action> action` for an implicit deny and
 * `with an explicit deny in a <type> policy` for an explicit one. AWS names one policy type only.
 * An SCP always reads as an explicit deny ("even if the denial is implicit"). For an explicit
 * deny in a managed identity-based policy (or an SCP with a known ARN), AWS appends the
 * policy's ARN. The resource part is left out for actions on `*`, as in AWS's examples.
 *
 * Pure: imports nothing but other policy modules.
 */
import type { Decision, RequestContext } from "./evaluatePolicies.ts";

export function formatAccessDeniedMessage(request: RequestContext, decision: Decision): string {
  // AWS names no principal when it refuses an identity provider's user (AssumeRoleWithWebIdentity,
  // AssumeRoleWithSAML): the caller has no ARN of its own.
  if (request.principal.type === "identity-provider") return `Not authorized to perform ${request.action}`;
  const who = request.principal.type === "anonymous" ? "anonymous" : request.principal.arn;
  const action = request.action;
  const on = request.resource && request.resource !== "*" ? ` on resource: ${request.resource}` : "";
  const head = `User: ${who} is not authorized to perform: ${action}${on}`;
  const trust = decision.blockedBy === "resource" && isTrustDecision(decision, request);

  if (decision.blockedBy === "scp") {
    const arn = decision.decision === "ExplicitlyDenied" ? firstArn(decision, "scp") : undefined;
    return `${head} with an explicit deny in a service control policy${arn ? `: ${arn}` : ""}`;
  }
  if (decision.decision === "ExplicitlyDenied") {
    switch (decision.blockedBy) {
      case "boundary":
        return `${head} with an explicit deny in a permissions boundary`;
      case "session":
        return `${head} with an explicit deny in a session policy`;
      case "resource":
        return trust
          ? `${head} with an explicit deny in the role trust policy`
          : `${head} with an explicit deny in a resource-based policy`;
      default: {
        const arn = firstArn(decision, "identity");
        return `${head} with an explicit deny in an identity-based policy${arn ? `: ${arn}` : ""}`;
      }
    }
  }
  const type =
    decision.blockedBy === "boundary"
      ? "permissions boundary"
      : decision.blockedBy === "session"
        ? "session policy"
        : decision.blockedBy === "resource"
          ? trust
            ? "role trust policy"
            : "resource-based policy"
          : "identity-based policy";
  return `${head} because no ${type} allows the ${action} action`;
}

function isTrustDecision(_decision: Decision, request: RequestContext): boolean {
  return /^sts:assumerole/i.test(request.action);
}

/** The ARN of the first deciding managed policy of the named kind, if it has one. */
function firstArn(decision: Decision, kind: "identity" | "scp"): string | undefined {
  for (const m of decision.matchedStatements) {
    if (m.effect !== "Deny") continue;
    if (kind === "scp" && m.policyType === "scp") return m.policyArn;
    if (kind === "identity") {
      if (m.policyType === "managed" || m.policyType === "aws-managed") return m.policyArn;
      if (m.policyType === "inline") return undefined;
    }
  }
  return undefined;
}
