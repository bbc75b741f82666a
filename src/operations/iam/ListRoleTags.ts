// ListRoleTags: a role's tags in the order they were added, paginated.

import type { ListRoleTagsRequest, ListRoleTagsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";
import { listTagsPage } from "./validateTags.ts";

export const ListRoleTags = defineOperation<ListRoleTagsRequest, ListRoleTagsResponse>({
  service: "iam",
  name: "ListRoleTags",
  action: "iam:ListRoleTags",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    return listTagsPage(store.roleTags, role.roleId, input.Marker, input.MaxItems);
  },
});
