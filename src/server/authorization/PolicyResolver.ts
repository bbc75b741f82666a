// Finds and compiles the policies that apply to a caller: a user's inline policies, attached
// managed policies (customer or AWS-managed, at their default version) and permissions
// boundary, plus a session's own policy. Stored documents are read leniently (a stored policy
// always loads, even if the strict rules tightened since it was written) and compiled once;
// the compiled form is shared by every user the same document applies to.
//
// The per-user result is cached until a change to any policy, attachment, boundary or user
// invalidates it, so the very next request after such a change sees it.

import type { ChangedEntity } from "../../domain/ChangedEntity.ts";
import { isAwsManagedPolicyArn } from "../../domain/ManagedPolicy.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { PolicyCatalog } from "../../operations/OperationContext.ts";
import {
  type CompiledPolicy,
  compilePolicy,
  type PolicyKind,
  type PolicySet,
  type PolicySourceType,
  parsePolicyDocument,
} from "../../policy/index.ts";
import type { StoreSession } from "../../store/ports.ts";

/** Where AWS-managed policies come from: data shipped with Portcullis. */
export interface AwsManagedPolicySource {
  get(arn: string): { policyId: string; policyName: string; document: string } | undefined;
}

export interface PrincipalPolicies {
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** The user's tags, for aws:PrincipalTag/* conditions. */
  tags: readonly Tag[];
}

const MAX_COMPILED = 10_000;
const MAX_USERS = 50_000;

export class PolicyResolver implements PolicyCatalog {
  private readonly compiled = new Map<string, CompiledPolicy>();
  private readonly users = new Map<string, PrincipalPolicies>();
  private generation = 0;

  constructor(private readonly awsManaged: AwsManagedPolicySource) {}

  invalidate(_changed?: readonly ChangedEntity[]): void {
    this.generation += 1;
    this.users.clear();
  }

  /** The policy set evaluation needs for this caller. Root has no identity policies. */
  async forCaller(
    caller: CallerIdentity,
    store: StoreSession,
  ): Promise<{ set: PolicySet; tags: readonly Tag[] }> {
    const set: PolicySet = { identity: [] };
    let tags: readonly Tag[] = [];
    if (caller.type === "IAMUser" && caller.userId) {
      const user = await this.forUser(caller.userId, store);
      set.identity = user.identity;
      if (user.boundary) set.boundary = user.boundary;
      tags = user.tags;
    }
    const sessionPolicy = caller.credential.sessionPolicy;
    if (sessionPolicy !== undefined) {
      set.session = [
        this.compile(sessionPolicy, "session", { id: "session", name: "session policy", type: "session" }),
      ];
    }
    return { set, tags };
  }

  async forUser(userId: string, store: StoreSession): Promise<PrincipalPolicies> {
    const cached = this.users.get(userId);
    if (cached) return cached;
    const generation = this.generation;
    const loaded = await this.loadUser(userId, store);
    if (generation === this.generation) {
      if (this.users.size >= MAX_USERS) this.users.clear();
      this.users.set(userId, loaded);
    }
    return loaded;
  }

  private async loadUser(userId: string, store: StoreSession): Promise<PrincipalPolicies> {
    const user = await store.users.getById(userId);
    if (!user) return { identity: [], tags: [] };
    const identity: CompiledPolicy[] = [];
    for (const inline of await store.userPolicies.listInline(userId)) {
      identity.push(
        this.compile(inline.document, "identity", {
          id: inline.policyName,
          name: inline.policyName,
          type: "inline",
        }),
      );
    }
    for (const arn of await store.userPolicies.listAttached(userId)) {
      const managed = await this.managed(arn, "identity", store);
      if (managed) identity.push(managed);
    }
    const boundary = user.permissionsBoundaryArn
      ? await this.managed(user.permissionsBoundaryArn, "boundary", store)
      : undefined;
    return { identity, ...(boundary ? { boundary } : {}), tags: await store.userTags.list(userId) };
  }

  async managedDocument(arn: string, store: StoreSession): Promise<string | undefined> {
    if (isAwsManagedPolicyArn(arn)) return this.awsManaged.get(arn)?.document;
    return store.managedPolicies.getDefaultDocument(arn);
  }

  private async managed(
    arn: string,
    kind: PolicyKind,
    store: StoreSession,
  ): Promise<CompiledPolicy | undefined> {
    const type: PolicySourceType =
      kind === "boundary" ? "boundary" : isAwsManagedPolicyArn(arn) ? "aws-managed" : "managed";
    if (isAwsManagedPolicyArn(arn)) {
      const policy = this.awsManaged.get(arn);
      return (
        policy &&
        this.compile(policy.document, kind, { id: policy.policyId, name: policy.policyName, type, arn })
      );
    }
    const policy = await store.managedPolicies.getByArn(arn);
    if (!policy) return undefined;
    const document = await store.managedPolicies.getDefaultDocument(arn);
    if (document === undefined) return undefined;
    return this.compile(document, kind, { id: policy.policyId, name: policy.policyName, type, arn });
  }

  /** Compiles a stored document once per (text, kind, source); a document that cannot be read grants nothing. */
  compile(
    document: string,
    kind: PolicyKind,
    source: { id: string; name: string; type: PolicySourceType; arn?: string },
  ): CompiledPolicy {
    const key = `${kind}\u0000${source.type}\u0000${source.id}\u0000${source.arn ?? ""}\u0000${document}`;
    const hit = this.compiled.get(key);
    if (hit) return hit;
    let compiled: CompiledPolicy;
    try {
      compiled = compilePolicy(parsePolicyDocument(document, { kind, mode: "lenient" }), source);
    } catch {
      // Lenient parsing only fails on text that is not JSON at all; such a policy allows nothing.
      compiled = compilePolicy(
        parsePolicyDocument('{"Version":"2012-10-17","Statement":[]}', { kind, mode: "lenient" }),
        source,
      );
    }
    if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
    this.compiled.set(key, compiled);
    return compiled;
  }
}
