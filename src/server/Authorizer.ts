// Decides whether the caller may perform an operation's action on its resource. Until the policy
// engine is wired in, the rule is the safe one: the root principal may do everything in its own
// account; every other principal is denied every call, except sts:GetCallerIdentity, which AWS
// never denies. The AccessDenied message has AWS's format.

import { AccessDenied } from "../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { Operation } from "../operations/Operation.ts";
import type { StoreSession } from "../store/ports.ts";

export interface AuthorizationRequest {
  // biome-ignore lint/suspicious/noExplicitAny: any operation, typed by its own input
  operation: Operation<any, any>;
  input: unknown;
  caller: CallerIdentity;
  store: StoreSession;
}

export const NEVER_DENIED_ACTIONS = new Set(["sts:GetCallerIdentity"]);

/**
 * Actions AWS grants without an allowing policy (an explicit deny still refuses them):
 * a user needs no permission to call GetSessionToken for their own temporary credentials.
 */
export const ALLOWED_UNLESS_DENIED_ACTIONS = new Set(["sts:GetSessionToken"]);

export class Authorizer {
  async authorize({ operation, input, caller, store }: AuthorizationRequest): Promise<void> {
    if (NEVER_DENIED_ACTIONS.has(operation.action)) return;
    const resource = await operation.resource(input, { caller, store });
    if (caller.type === "Root") return;
    if (ALLOWED_UNLESS_DENIED_ACTIONS.has(operation.action)) return;
    throw new AccessDenied(
      `User: ${caller.arn} is not authorized to perform: ${operation.action} on resource: ${resource} because no identity-based policy allows the ${operation.action} action`,
    );
  }
}
