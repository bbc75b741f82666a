// UpdateRoleDescription: the older way to change only a role's description; it returns the role.

import type {
  UpdateRoleDescriptionRequest,
  UpdateRoleDescriptionResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";
import { roleShape } from "./roleShape.ts";

export const UpdateRoleDescription = defineOperation<
  UpdateRoleDescriptionRequest,
  UpdateRoleDescriptionResponse
>({
  service: "iam",
  name: "UpdateRoleDescription",
  action: "iam:UpdateRoleDescription",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await store.roles.update(role.roleId, { description: input.Description });
    invalidate({ kind: "role", id: role.roleId });
    const updated = { ...role, description: input.Description };
    return { Role: roleShape(updated, await store.roleTags.list(role.roleId)) };
  },
});
