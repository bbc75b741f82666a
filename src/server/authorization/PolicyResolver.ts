// Reads from the store what the policy loader needs for a principal (src/authorization's
// PrincipalEntities: a user with its groups, or a role; its inline, attached and boundary
// policies; its tags) and hands it to the one pure loader. Stored documents are read leniently
// (a stored policy always loads, even if the strict rules tightened since it was written) and
// compiled once; the compiled form is shared by every principal the same document applies to.
//
// Each principal's entities are cached with the entities they were read from, so a change to a
// user, group, role or customer-managed policy drops exactly the principals it affects, and the
// very next request after it sees it.

import { loadPolicySet } from "../../authorization/loadPolicySet.ts";
import type {
  GroupEntities,
  IdentityEntities,
  PrincipalEntities,
  StoredPolicy,
} from "../../authorization/PrincipalEntities.ts";
import type { ChangedEntity } from "../../domain/ChangedEntity.ts";
import { isAwsManagedPolicyArn } from "../../domain/ManagedPolicy.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { PolicyCatalog, PrincipalRef } from "../../operations/OperationContext.ts";
import {
  type CompiledPolicy,
  compilePolicy,
  type PolicyKind,
  type PolicySet,
  type PolicySourceType,
  parsePolicyDocument,
} from "../../policy/index.ts";
import type { StoreSession } from "../../store/ports.ts";
import { DependentCache } from "../caches/DependentCache.ts";

/** Where AWS-managed policies come from: data shipped with Portcullis. */
export interface AwsManagedPolicySource {
  get(arn: string): { policyId: string; policyName: string; document: string } | undefined;
}

const MAX_COMPILED = 10_000;
const MAX_PRINCIPALS = 50_000;
const EMPTY_POLICY = '{"Version":"2012-10-17","Statement":[]}';

/**
 * The identity side of a federated user the account root federated: root may do everything in
 * its account, so its session policy alone narrows the session (one shared object, compiled once).
 */
const ROOT_FEDERATING_IDENTITY: IdentityEntities = {
  kind: "user",
  arn: "root",
  inline: [
    {
      id: "root-federating-identity",
      name: "root",
      type: "inline",
      document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    },
  ],
  attached: [],
  tags: [],
  groups: [],
};

export class PolicyResolver implements PolicyCatalog {
  private readonly compiled = new Map<string, CompiledPolicy>();
  private readonly principals = new DependentCache<IdentityEntities | undefined>(MAX_PRINCIPALS);
  private readonly managedPolicies = new DependentCache<StoredPolicy | undefined>(MAX_COMPILED);
  private readonly compileBound = this.compile.bind(this);
  /** The caches, by name, for the metrics. */
  readonly caches = { principals: this.principals, managedPolicies: this.managedPolicies };
  /** The compiled identity part of each cached principal, built once per cache entry. */
  private readonly identitySets = new WeakMap<IdentityEntities, PolicySet>();

  constructor(private readonly awsManaged: AwsManagedPolicySource) {}

  invalidate(changed: readonly ChangedEntity[]): void {
    this.principals.invalidate(changed);
    this.managedPolicies.invalidate(changed);
  }

  /**
   * The entities a decision for this caller needs: its identity's and its session's policies,
   * and the resource policy the action is decided against, if any.
   */
  async entitiesFor(
    caller: CallerIdentity,
    store: StoreSession,
    resourcePolicy?: PrincipalEntities["resourcePolicy"],
  ): Promise<PrincipalEntities> {
    const ref = principalRefOf(caller);
    const identity = ref
      ? await this.identity(ref, store)
      : caller.type === "FederatedUser"
        ? ROOT_FEDERATING_IDENTITY
        : undefined;
    const credential = caller.credential;
    const isSession = caller.type === "AssumedRole" || caller.type === "FederatedUser";
    let session: PrincipalEntities["session"];
    if (isSession && (credential.sessionPolicy !== undefined || credential.sessionPolicyArns?.length)) {
      const managed: StoredPolicy[] = [];
      for (const arn of credential.sessionPolicyArns ?? []) {
        // A session policy that no longer exists grants nothing: the intersection only narrows.
        managed.push(
          (await this.managed(arn, store)) ?? {
            id: arn,
            name: arn,
            type: "managed",
            arn,
            document: EMPTY_POLICY,
          },
        );
      }
      session = {
        ...(credential.sessionPolicy !== undefined ? { inline: credential.sessionPolicy } : {}),
        managed,
      };
    }
    return {
      ...(identity ? { identity } : {}),
      ...(session ? { session } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
    };
  }

  /** The policy set evaluation needs for this caller, and its principal tags. Root has no identity policies. */
  async forCaller(
    caller: CallerIdentity,
    store: StoreSession,
    resourcePolicy?: PrincipalEntities["resourcePolicy"],
  ): Promise<{ set: PolicySet; tags: readonly Tag[] }> {
    const { identity, ...rest } = await this.entitiesFor(caller, store, resourcePolicy);
    const own = this.identitySet(identity);
    const tags = identity?.tags ?? [];
    // The hot path: a user or role without session or resource policies reuses its compiled set.
    if (!rest.session && !rest.resourcePolicy) return { set: own, tags };
    const extra = loadPolicySet(rest, this.compileBound);
    return {
      set: {
        ...own,
        ...(extra.session ? { session: extra.session } : {}),
        ...(extra.resource ? { resource: extra.resource } : {}),
      },
      tags,
    };
  }

  private identitySet(identity: IdentityEntities | undefined): PolicySet {
    if (!identity) return { identity: [] };
    let set = this.identitySets.get(identity);
    if (!set) {
      set = loadPolicySet({ identity }, this.compileBound);
      this.identitySets.set(identity, set);
    }
    return set;
  }

  async forPrincipal(
    ref: PrincipalRef,
    store: StoreSession,
  ): Promise<{ set: PolicySet; tags: readonly Tag[] }> {
    const identity = await this.identity(ref, store);
    return { set: this.identitySet(identity), tags: identity?.tags ?? [] };
  }

  entitiesOf(ref: PrincipalRef, store: StoreSession): Promise<IdentityEntities | undefined> {
    return this.identity(ref, store);
  }

  private identity(ref: PrincipalRef, store: StoreSession): Promise<IdentityEntities | undefined> {
    return this.principals.get(`${ref.kind}:${ref.id}`, () => {
      if (ref.kind === "user") return this.loadUser(ref.id, store);
      if (ref.kind === "group") return this.loadGroup(ref.id, store);
      return this.loadRole(ref.id, store);
    });
  }

  private async loadGroup(groupId: string, store: StoreSession) {
    const dependsOn: ChangedEntity[] = [{ kind: "group", id: groupId }];
    const group = await store.groups.getById(groupId);
    if (!group) return { value: undefined, dependsOn };
    const value: IdentityEntities = {
      kind: "group",
      arn: group.arn,
      inline: (await store.groupPolicies.listInline(groupId)).map(inlineStored),
      attached: await this.attachedStored(await store.groupPolicies.listAttached(groupId), store, dependsOn),
      tags: [],
      groups: [],
    };
    return { value, dependsOn };
  }

  private async loadUser(userId: string, store: StoreSession) {
    const dependsOn: ChangedEntity[] = [{ kind: "user", id: userId }];
    const user = await store.users.getById(userId);
    if (!user) return { value: undefined, dependsOn };
    const inline = (await store.userPolicies.listInline(userId)).map(inlineStored);
    const attached = await this.attachedStored(
      await store.userPolicies.listAttached(userId),
      store,
      dependsOn,
    );
    const boundary = await this.boundaryStored(user.permissionsBoundaryArn, store, dependsOn);
    // A user's groups' policies are identity-based policies of the user (capped by its boundary).
    const groups: GroupEntities[] = [];
    for (const group of await store.groups.listForUser(userId)) {
      dependsOn.push({ kind: "group", id: group.groupId });
      groups.push({
        groupName: group.groupName,
        inline: (await store.groupPolicies.listInline(group.groupId)).map(inlineStored),
        attached: await this.attachedStored(
          await store.groupPolicies.listAttached(group.groupId),
          store,
          dependsOn,
        ),
      });
    }
    const value: IdentityEntities = {
      kind: "user",
      arn: user.arn,
      inline,
      attached,
      ...(boundary ? { boundary } : {}),
      tags: await store.userTags.list(userId),
      groups,
    };
    return { value, dependsOn };
  }

  private async loadRole(roleId: string, store: StoreSession) {
    const dependsOn: ChangedEntity[] = [{ kind: "role", id: roleId }];
    const role = await store.roles.getById(roleId);
    if (!role) return { value: undefined, dependsOn };
    const boundary = await this.boundaryStored(role.permissionsBoundaryArn, store, dependsOn);
    const value: IdentityEntities = {
      kind: "role",
      arn: role.arn,
      inline: (await store.rolePolicies.listInline(roleId)).map(inlineStored),
      attached: await this.attachedStored(await store.rolePolicies.listAttached(roleId), store, dependsOn),
      ...(boundary ? { boundary } : {}),
      tags: await store.roleTags.list(roleId),
      groups: [],
    };
    return { value, dependsOn };
  }

  private async attachedStored(
    arns: readonly string[],
    store: StoreSession,
    dependsOn: ChangedEntity[],
  ): Promise<StoredPolicy[]> {
    const out: StoredPolicy[] = [];
    for (const arn of arns) {
      dependsOn.push({ kind: "managedPolicy", id: arn });
      const policy = await this.managed(arn, store);
      if (policy) out.push(policy);
    }
    return out;
  }

  private async boundaryStored(
    arn: string | undefined,
    store: StoreSession,
    dependsOn: ChangedEntity[],
  ): Promise<StoredPolicy | undefined> {
    if (arn === undefined) return undefined;
    dependsOn.push({ kind: "managedPolicy", id: arn });
    return this.managed(arn, store);
  }

  /** A managed policy's default version, customer (cached until it changes) or AWS-managed. */
  private managed(arn: string, store: StoreSession): Promise<StoredPolicy | undefined> {
    if (isAwsManagedPolicyArn(arn)) {
      const policy = this.awsManaged.get(arn);
      return Promise.resolve(
        policy && {
          id: policy.policyId,
          name: policy.policyName,
          type: "aws-managed",
          arn,
          document: policy.document,
        },
      );
    }
    return this.managedPolicies.get(arn, async () => {
      const dependsOn = [{ kind: "managedPolicy", id: arn } as const];
      const policy = await store.managedPolicies.getByArn(arn);
      const document = policy && (await store.managedPolicies.getDefaultDocument(arn));
      if (!policy || document === undefined) return { value: undefined, dependsOn };
      return {
        value: {
          id: policy.policyId,
          name: policy.policyName,
          type: "managed",
          arn,
          versionId: policy.defaultVersionId,
          document,
        },
        dependsOn,
      };
    });
  }

  async managedDocument(arn: string, store: StoreSession): Promise<string | undefined> {
    return (await this.managed(arn, store))?.document;
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
      compiled = compilePolicy(parsePolicyDocument(EMPTY_POLICY, { kind, mode: "lenient" }), source);
    }
    if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
    this.compiled.set(key, compiled);
    return compiled;
  }
}

function inlineStored(p: { policyName: string; document: string }): StoredPolicy {
  return { id: p.policyName, name: p.policyName, type: "inline", document: p.document };
}

/** The user or role whose stored policies apply to a caller; root has none. */
export function principalRefOf(caller: CallerIdentity): PrincipalRef | undefined {
  if (caller.type === "IAMUser" && caller.userId) return { kind: "user", id: caller.userId };
  if (caller.type === "AssumedRole" && caller.roleSession)
    return { kind: "role", id: caller.roleSession.roleId };
  if (caller.type === "FederatedUser" && caller.federatingUser?.userId)
    return { kind: "user", id: caller.federatingUser.userId };
  return undefined;
}
