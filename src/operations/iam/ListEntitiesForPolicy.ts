// ListEntitiesForPolicy: the groups, users and roles that use a managed
// policy, as a permissions policy, as a permissions boundary, or either (PolicyUsageFilter),
// filtered by entity kind and path prefix and paginated with Marker/MaxItems over all kinds
// together, groups first, as AWS lists them in its response.

import type {
  ListEntitiesForPolicyRequest,
  ListEntitiesForPolicyResponse,
  PolicyUsageType,
} from "../../generated/iam/iamShapes.ts";
import type { StoreSession } from "../../store/ports.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getPolicyOrThrow } from "./resolvePolicy.ts";

type EntityKind = "Group" | "User" | "Role";

interface PolicyEntity {
  readonly kind: EntityKind;
  readonly name: string;
  readonly id: string;
}

interface Query {
  readonly store: StoreSession;
  readonly accountId: string;
  readonly policyArn: string;
  readonly usage: PolicyUsageType | undefined;
  readonly prefix: string;
}

/** The entities with these ids under the path prefix, in name order (case-insensitive). */
async function named(
  kind: EntityKind,
  ids: Iterable<string>,
  load: (id: string) => Promise<{ name: string; path: string } | undefined>,
  prefix: string,
): Promise<PolicyEntity[]> {
  const out: PolicyEntity[] = [];
  for (const id of new Set(ids)) {
    const entity = await load(id);
    if (entity?.path.startsWith(prefix)) out.push({ kind, name: entity.name, id });
  }
  return out.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
}

/** Each kind's users of the policy. Groups have no permissions boundaries. */
const usersOfPolicy: Record<EntityKind, (q: Query) => Promise<PolicyEntity[]>> = {
  async Group({ store, accountId, policyArn, usage, prefix }) {
    if (usage === "PermissionsBoundary") return [];
    const ids = await store.groupPolicies.groupsWithAttached(accountId, policyArn);
    return named(
      "Group",
      ids,
      async (id) => {
        const g = await store.groups.getById(id);
        return g && { name: g.groupName, path: g.path };
      },
      prefix,
    );
  },
  async User({ store, accountId, policyArn, usage, prefix }) {
    const ids: string[] = [];
    if (usage !== "PermissionsBoundary")
      ids.push(...(await store.userPolicies.usersWithAttached(accountId, policyArn)));
    if (usage !== "PermissionsPolicy")
      ids.push(...(await store.userPolicies.usersWithBoundary(accountId, policyArn)));
    return named(
      "User",
      ids,
      async (id) => {
        const u = await store.users.getById(id);
        return u && { name: u.userName, path: u.path };
      },
      prefix,
    );
  },
  async Role({ store, accountId, policyArn, usage, prefix }) {
    const ids: string[] = [];
    if (usage !== "PermissionsBoundary")
      ids.push(...(await store.rolePolicies.rolesWithAttached(accountId, policyArn)));
    if (usage !== "PermissionsPolicy")
      ids.push(...(await store.rolePolicies.rolesWithBoundary(accountId, policyArn)));
    return named(
      "Role",
      ids,
      async (id) => {
        const r = await store.roles.getById(id);
        return r && { name: r.roleName, path: r.path };
      },
      prefix,
    );
  },
};

export const ListEntitiesForPolicy = defineOperation<
  ListEntitiesForPolicyRequest,
  ListEntitiesForPolicyResponse
>({
  service: "iam",
  name: "ListEntitiesForPolicy",
  action: "iam:ListEntitiesForPolicy",
  mutating: false,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const { policy } = await getPolicyOrThrow(store, caller, input.PolicyArn, "iam:ListEntitiesForPolicy");
    const query: Query = {
      store,
      accountId: caller.accountId,
      policyArn: policy.arn,
      usage: input.PolicyUsageFilter,
      prefix: input.PathPrefix ?? "/",
    };
    const entities: PolicyEntity[] = [];
    for (const kind of ["Group", "User", "Role"] as const) {
      if (input.EntityFilter === undefined || input.EntityFilter === kind) {
        entities.push(...(await usersOfPolicy[kind](query)));
      }
    }
    const page = paginateList(entities, input.Marker, input.MaxItems);
    const of = (kind: EntityKind) => page.items.filter((e) => e.kind === kind);
    return {
      PolicyGroups: of("Group").map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: of("User").map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: of("Role").map((e) => ({ RoleName: e.name, RoleId: e.id })),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
