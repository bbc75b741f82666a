// Authorization in one step: the guards that are not policy and the policy engine, in AWS's
// order. (1) What a session may call at all (GetSessionToken's sessions opened without MFA);
// (2) actions no policy can deny; (3) the engine's decision on the caller's policies, turned
// into AWS's AccessDenied message, unless the account's AllowUsersToChangePassword covers an
// implicit denial of the caller's own password change; (4) the 2023 MFA self-management rule.
// Guards decide on the facts the operation supplied, fetched once before the decision. No handler
// decides authorization by itself. Pure.

import { AccessDenied } from "../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import { type Decision, formatAccessDeniedMessage, type RequestContext } from "../policy/index.ts";
import { allowsOwnPasswordChange } from "./guards/allowsOwnPasswordChange.ts";
import { assertMfaSelfManagement } from "./guards/assertMfaSelfManagement.ts";
import { assertSessionScope } from "./guards/assertSessionScope.ts";
import type { GuardFacts } from "./guards/GuardFacts.ts";
import { isNeverDenied } from "./guards/isNeverDenied.ts";

export interface AuthorizationStep {
  readonly service: "iam" | "sts";
  readonly operationName: string;
  readonly caller: CallerIdentity;
  /** The operation's action, then any others the request needs on the same resource. */
  readonly actions: readonly [string, ...string[]];
  /** Built lazily: a never-denied action needs no context or policies. */
  decide(action: string): Promise<{ request: RequestContext; decision: Decision }>;
  guardFacts(): Promise<GuardFacts | undefined>;
}

export async function authorize(step: AuthorizationStep): Promise<void> {
  assertSessionScope(step.service, step.operationName, step.caller);
  const [action] = step.actions;
  if (isNeverDenied(action)) return;
  const facts = await step.guardFacts();
  let resource = "*";
  for (const each of step.actions) {
    const { request, decision } = await step.decide(each);
    if (
      decision.decision !== "Allowed" &&
      !allowsOwnPasswordChange(step.caller, request, decision, facts?.ownPasswordChange)
    ) {
      throw new AccessDenied(formatAccessDeniedMessage(request, decision));
    }
    resource = request.resource;
  }
  if (facts?.mfaSelfManagement) {
    assertMfaSelfManagement(step.caller, action, resource, facts.mfaSelfManagement);
  }
}
