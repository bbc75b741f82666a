// ListEntitiesForPolicy: the users (and, once they exist, groups and roles) that use a managed
// policy, as a permissions policy, as a permissions boundary, or either (PolicyUsageFilter),
// filtered by entity kind and path prefix and paginated with Marker/MaxItems.

import type { User } from "../../domain/User.ts";
import type {
  ListEntitiesForPolicyRequest,
  ListEntitiesForPolicyResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getPolicyOrThrow } from "./resolvePolicy.ts";

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
    const users: User[] = [];
    if (filter === undefined || filter === "User") {
      const ids = new Set<string>();
      if (usage !== "PermissionsBoundary") {
        for (const id of await store.userPolicies.usersWithAttached(caller.accountId, policy.arn))
          ids.add(id);
      }
      if (usage !== "PermissionsPolicy") {
        for (const id of await store.userPolicies.usersWithBoundary(caller.accountId, policy.arn))
          ids.add(id);
      }
      for (const id of ids) {
        const user = await store.users.getById(id);
        if (user?.path.startsWith(prefix)) users.push(user);
      }
      users.sort((a, b) => (a.userName.toLowerCase() < b.userName.toLowerCase() ? -1 : 1));
    }
    const page = paginateList(users, input.Marker, input.MaxItems);
    return {
      PolicyGroups: [],
      PolicyUsers: page.items.map((u) => ({ UserName: u.userName, UserId: u.userId })),
      PolicyRoles: [],
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
