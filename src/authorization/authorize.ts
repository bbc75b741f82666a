// Authorization in one step: the guards that are not policy and the policy engine, in AWS's
// order. (1) What a session may call at all (GetSessionToken's sessions opened without MFA);
// (2) actions no policy can deny; (3) the engine's decision on the caller's policies, turned
// into AWS's AccessDenied message; (4) the 2023 MFA self-management rule, on the facts the
// operation supplied. No handler decides authorization by itself. Pure.

import { AccessDenied } from "../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import { type Decision, formatAccessDeniedMessage, type RequestContext } from "../policy/index.ts";
import { assertMfaSelfManagement } from "./guards/assertMfaSelfManagement.ts";
import { assertSessionScope } from "./guards/assertSessionScope.ts";
import type { GuardFacts } from "./guards/GuardFacts.ts";
import { isNeverDenied } from "./guards/isNeverDenied.ts";

export interface AuthorizationStep {
  readonly service: "iam" | "sts";
  readonly operationName: string;
  readonly caller: CallerIdentity;
  /** Built lazily: a never-denied action needs no context or policies. */
  decide(): Promise<{ request: RequestContext; decision: Decision }>;
  guardFacts(): Promise<GuardFacts | undefined>;
  readonly action: string;
}

export async function authorize(step: AuthorizationStep): Promise<void> {
  assertSessionScope(step.service, step.operationName, step.caller);
  if (isNeverDenied(step.action)) return;
  const { request, decision } = await step.decide();
  if (decision.decision !== "Allowed") throw new AccessDenied(formatAccessDeniedMessage(request, decision));
  const facts = await step.guardFacts();
  if (facts?.mfaSelfManagement) {
    assertMfaSelfManagement(step.caller, step.action, request.resource, facts.mfaSelfManagement);
  }
}
