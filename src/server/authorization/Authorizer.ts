// The authorize step: gathers what a decision needs (the resource the operation names, the
// caller's policies through the cache, resource tags, the operation's condition keys and guard
// facts) and runs src/authorization's one-step authorize: the guards that are not policy and the
// policy engine, in AWS's order. Every IAM and STS call goes through here; the root principal's
// full rights in its own account come from the engine's own rules, not from a bypass.

import type { Sealer } from "../../auth/sealing/Sealer.ts";
import { authorize } from "../../authorization/authorize.ts";
import { buildRequestContext, type RequestFacts } from "../../authorization/buildRequestContext.ts";
import { requestPrincipalOf } from "../../authorization/requestPrincipalOf.ts";
import { parseRoleArn, parseUserArn } from "../../domain/arns.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { Operation } from "../../operations/Operation.ts";
import { type Decision, evaluatePolicies, type PolicySet, type RequestContext } from "../../policy/index.ts";
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

/** What the authorize step learnt that the operation needs too. */
export interface AuthorizationOutcome {
  /** An MFA code carried by the request was checked at this time. */
  mfaProvedAt?: Date;
}

const NO_GUARD_FACTS = Promise.resolve(undefined);

/**
 * The context for one action. Every member named rather than spread (a spread showed in the
 * request path's profile); the type makes a member added to RequestContext one to name here.
 */
function withAction(request: Omit<RequestContext, "action">, action: string): RequestContext {
  const full: { [K in keyof Required<RequestContext>]: RequestContext[K] } = {
    principal: request.principal,
    action,
    resource: request.resource,
    resourceAccountId: request.resourceAccountId,
    context: request.context,
  };
  return full;
}

export class Authorizer {
  constructor(
    private readonly policies: PolicyResolver,
    private readonly sealer: Sealer,
  ) {}

  async authorize(req: AuthorizationRequest): Promise<AuthorizationOutcome> {
    const { operation, input, caller, store } = req;
    // Most operations carry no code: then nothing is awaited.
    const proving = operation.proveMfa?.(input, {
      caller,
      store,
      now: req.facts.now,
      sealer: this.sealer,
      sourceIp: req.facts.sourceIp,
    });
    const mfaProvedAt = proving ? await proving : undefined;
    const withMfa = mfaProvedAt ? { ...req, facts: { ...req.facts, mfaProvedAt } } : req;
    // Built once for every action the request needs: the same resource, policies and keys.
    let context: Promise<{ set: PolicySet; request: Omit<RequestContext, "action"> }> | undefined;
    await authorize({
      service: operation.service,
      operationName: operation.name,
      actions: operation.alsoRequires
        ? [operation.action, ...operation.alsoRequires(input)]
        : [operation.action],
      caller,
      decide: async (action) => {
        context ??= this.requestContext(withMfa);
        const { set, request } = await context;
        const full = withAction(request, action);
        return { request: full, decision: evaluatePolicies(full, set) };
      },
      guardFacts: () =>
        operation.guardFacts
          ? Promise.resolve(operation.guardFacts(input, { caller, store }))
          : NO_GUARD_FACTS,
    });
    return mfaProvedAt ? { mfaProvedAt } : {};
  }

  /** The engine's decision for the operation's own action, with the context it was made in. */
  async decide(req: AuthorizationRequest): Promise<{ request: RequestContext; decision: Decision }> {
    const { set, request: rest } = await this.requestContext(req);
    const request = withAction(rest, req.operation.action);
    return { request, decision: evaluatePolicies(request, set) };
  }

  private async requestContext(
    req: AuthorizationRequest,
  ): Promise<{ set: PolicySet; request: Omit<RequestContext, "action"> }> {
    const { operation, input, caller, store } = req;
    const resource = await operation.resource(input, { caller, store });
    // An optional step the operation lacks is not awaited: each await costs the request a turn.
    const resourcePolicy = operation.resourcePolicy
      ? await operation.resourcePolicy(input, { caller, store })
      : undefined;
    const { set, tags } = await this.policies.forCaller(caller, store, resourcePolicy);
    const request = {
      principal: requestPrincipalOf(caller),
      resource,
      // The resource's owner: a role's account for AssumeRole; every other resource Portcullis
      // serves lives in the caller's account (AWS-managed policies included, which every account
      // may read and attach).
      resourceAccountId: resourcePolicy?.accountId ?? caller.accountId,
      context: buildRequestContext(
        caller,
        req.facts,
        tags,
        await this.resourceTags(resource, caller, store),
        operation.conditionKeys ? await operation.conditionKeys(input, { caller, store }) : undefined,
      ),
    };
    return { set, request };
  }

  /**
   * Tags of the IAM user or role a request acts on, for iam:ResourceTag and aws:ResourceTag
   * conditions (a role in another account too: AssumeRole's trust decisions read them).
   */
  private async resourceTags(
    resource: string,
    caller: CallerIdentity,
    store: StoreSession,
  ): Promise<Tag[] | undefined> {
    if (caller.type === "Root") return undefined;
    const user = parseUserArn(resource);
    if (user) {
      if (user.accountId !== caller.accountId) return undefined;
      const found = await store.users.getByName(caller.accountId, user.userName);
      return found ? store.userTags.list(found.userId) : undefined;
    }
    const role = parseRoleArn(resource);
    if (!role) return undefined;
    const found = await store.roles.getByName(role.accountId, role.roleName);
    return found?.arn === resource ? store.roleTags.list(found.roleId) : undefined;
  }
}
