// TagRole: add or overwrite tags on a role (keys compared without regard to case), at most 50.

import type { TagRoleRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";
import { addTags, requestTagConditionKeys } from "./validateTags.ts";

export const TagRole = defineOperation<TagRoleRequest, void>({
  service: "iam",
  name: "TagRole",
  action: "iam:TagRole",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await addTags(store.roleTags, role.roleId, input.Tags);
    // Role tags become aws:PrincipalTag of its sessions.
    invalidate({ kind: "role", id: role.roleId });
  },
});
