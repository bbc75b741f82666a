// The authorize step: gathers what a decision needs (the resource the operation names, the
// caller's policies through the cache, resource tags, the operation's condition keys and guard
// facts) and runs src/authorization's one-step authorize: the guards that are not policy and the
// policy engine, in AWS's order. Every IAM and STS call goes through here; the root principal's
// full rights in its own account come from the engine's own rules, not from a bypass.

import { authorize } from "../../authorization/authorize.ts";
import { buildRequestContext, type RequestFacts } from "../../authorization/buildRequestContext.ts";
import { requestPrincipalOf } from "../../authorization/requestPrincipalOf.ts";
import { parseUserArn } from "../../domain/arns.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { Operation } from "../../operations/Operation.ts";
import { type Decision, evaluatePolicies, type RequestContext } from "../../policy/index.ts";
import type { StoreSession } from "../../store/ports.ts";
import type { PolicyResolver } from "./PolicyResolver.ts";

export interface AuthorizationRequest {
  // biome-ignore lint/suspicious/noExplicitAny: any operation, typed by its own input
  operation: Operation<any, any>;
  input: unknown;
  caller: CallerIdentity;
  store: StoreSession;
  facts: RequestFacts;
}

export class Authorizer {
  constructor(private readonly policies: PolicyResolver) {}

  authorize(req: AuthorizationRequest): Promise<void> {
    const { operation, input, caller, store } = req;
    return authorize({
      service: operation.service,
      operationName: operation.name,
      action: operation.action,
      caller,
      decide: () => this.decide(req),
      guardFacts: async () => operation.guardFacts?.(input, { caller, store }),
    });
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
