// UntagRole: remove tags from a role by key; keys that are not there are ignored, as in AWS.

import type { UntagRoleRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const UntagRole = defineOperation<UntagRoleRequest, void>({
  service: "iam",
  name: "UntagRole",
  action: "iam:UntagRole",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await store.roleTags.remove(role.roleId, input.TagKeys);
    invalidate({ kind: "role", id: role.roleId });
  },
});
