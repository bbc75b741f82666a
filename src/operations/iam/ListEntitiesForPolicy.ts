// ListEntitiesForPolicy: the users and roles (and, once they exist, groups) that use a managed
// policy, as a permissions policy, as a permissions boundary, or either (PolicyUsageFilter),
// filtered by entity kind and path prefix and paginated with Marker/MaxItems.

import type {
  ListEntitiesForPolicyRequest,
  ListEntitiesForPolicyResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getPolicyOrThrow } from "./resolvePolicy.ts";

interface EntityKind<T> {
  attached(): Promise<string[]>;
  bounded(): Promise<string[]>;
  get(id: string): Promise<T | undefined>;
  path(entity: T): string;
  name(entity: T): string;
}

/** The entities of one kind that use the policy as the filter asks, under the prefix, in name order. */
async function entitiesUsing<T>(
  kind: EntityKind<T>,
  usage: ListEntitiesForPolicyRequest["PolicyUsageFilter"],
  prefix: string,
): Promise<T[]> {
  const ids = new Set<string>();
  if (usage !== "PermissionsBoundary") for (const id of await kind.attached()) ids.add(id);
  if (usage !== "PermissionsPolicy") for (const id of await kind.bounded()) ids.add(id);
  const found: T[] = [];
  for (const id of ids) {
    const entity = await kind.get(id);
    if (entity && kind.path(entity).startsWith(prefix)) found.push(entity);
  }
  return found.sort((a, b) => (kind.name(a).toLowerCase() < kind.name(b).toLowerCase() ? -1 : 1));
}

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
    const filter = input.EntityFilter;
    const usage = input.PolicyUsageFilter;
    const prefix = input.PathPrefix ?? "/";
    const { accountId } = caller;
    const users =
      filter === undefined || filter === "User"
        ? await entitiesUsing(
            {
              attached: () => store.userPolicies.usersWithAttached(accountId, policy.arn),
              bounded: () => store.userPolicies.usersWithBoundary(accountId, policy.arn),
              get: (id) => store.users.getById(id),
              path: (u) => u.path,
              name: (u) => u.userName,
            },
            usage,
            prefix,
          )
        : [];
    const roles =
      filter === undefined || filter === "Role"
        ? await entitiesUsing(
            {
              attached: () => store.rolePolicies.rolesWithAttached(accountId, policy.arn),
              bounded: () => store.rolePolicies.rolesWithBoundary(accountId, policy.arn),
              get: (id) => store.roles.getById(id),
              path: (r) => r.path,
              name: (r) => r.roleName,
            },
            usage,
            prefix,
          )
        : [];
    // One marker over every kind: users first, then roles, as one list.
    const entities = [
      ...users.map((u) => ({ user: { UserName: u.userName, UserId: u.userId } })),
      ...roles.map((r) => ({ role: { RoleName: r.roleName, RoleId: r.roleId } })),
    ];
    const page = paginateList(entities, input.Marker, input.MaxItems);
    return {
      PolicyGroups: [],
      PolicyUsers: page.items.flatMap((e) => ("user" in e ? [e.user] : [])),
      PolicyRoles: page.items.flatMap((e) => ("role" in e ? [e.role] : [])),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
