// Decides, by AWS's policy evaluation logic, whether the caller may perform an operation's action
// on its resource: builds the request context, resolves the caller's policies, asks the pure
// engine, and turns a denial into AWS's AccessDenied message. Every IAM and STS call goes through
// here; the root principal's full rights in its own account come from the engine's own rules,
// not from a bypass.

import { parseUserArn } from "../../domain/arns.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { Operation } from "../../operations/Operation.ts";
import {
  type Decision,
  evaluatePolicies,
  formatAccessDeniedMessage,
  type RequestContext,
  type RequestPrincipal,
} from "../../policy/index.ts";
import type { StoreSession } from "../../store/ports.ts";
import { buildRequestContext, type RequestFacts } from "./buildRequestContext.ts";
import type { PolicyResolver } from "./PolicyResolver.ts";

export interface AuthorizationRequest {
  // biome-ignore lint/suspicious/noExplicitAny: any operation, typed by its own input
  operation: Operation<any, any>;
  input: unknown;
  caller: CallerIdentity;
  store: StoreSession;
  facts: RequestFacts;
}

/**
 * AWS never denies these, whatever the policies say: GetCallerIdentity, and GetSessionToken, an
 * authentication operation that "you cannot use policies to control" (the credentials it returns
 * carry the caller's own permissions, no more).
 */
export const NEVER_DENIED_ACTIONS = new Set(["sts:getcalleridentity", "sts:getsessiontoken"]);

export function requestPrincipalOf(caller: CallerIdentity): RequestPrincipal {
  switch (caller.type) {
    case "Root":
      return { arn: caller.arn, accountId: caller.accountId, type: "root" };
    case "IAMUser":
      return { arn: caller.arn, accountId: caller.accountId, type: "user" };
    case "AssumedRole":
      return { arn: caller.arn, accountId: caller.accountId, type: "assumed-role" };
    case "FederatedUser":
      return { arn: caller.arn, accountId: caller.accountId, type: "federated-user" };
  }
}

export class Authorizer {
  constructor(private readonly policies: PolicyResolver) {}

  async authorize(req: AuthorizationRequest): Promise<void> {
    const action = req.operation.action.toLowerCase();
    if (NEVER_DENIED_ACTIONS.has(action)) return;
    const { request, decision } = await this.decide(req);
    if (decision.decision === "Allowed") return;
    throw new AccessDenied(formatAccessDeniedMessage(request, decision));
  }

  /** The engine's decision for this request, with the context it was made in. */
  async decide(req: AuthorizationRequest): Promise<{ request: RequestContext; decision: Decision }> {
    const { operation, input, caller, store } = req;
    const resource = await operation.resource(input, { caller, store });
    const { set, tags } = await this.policies.forCaller(caller, store);
    const request: RequestContext = {
      principal: requestPrincipalOf(caller),
      action: operation.action,
      resource,
      // Every resource Portcullis serves lives in the caller's account (AWS-managed policies
      // included, which every account may read and attach).
      resourceAccountId: caller.accountId,
      context: buildRequestContext(
        caller,
        req.facts,
        tags,
        await this.resourceTags(resource, caller, store),
        await operation.conditionKeys?.(input, { caller, store }),
      ),
    };
    return { request, decision: evaluatePolicies(request, set) };
  }

  /** Tags of the IAM user a request acts on, for iam:ResourceTag and aws:ResourceTag conditions. */
  private async resourceTags(
    resource: string,
    caller: CallerIdentity,
    store: StoreSession,
  ): Promise<Tag[] | undefined> {
    if (caller.type === "Root") return undefined;
    const target = parseUserArn(resource);
    if (target?.accountId !== caller.accountId) return undefined;
    const user = await store.users.getByName(caller.accountId, target.userName);
    return user ? store.userTags.list(user.userId) : undefined;
  }
}
