// DeleteRole: only a role with nothing attached may go, as AWS requires; the conflict names what
// must be removed first.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeleteRoleRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const DeleteRole = defineOperation<DeleteRoleRequest, void>({
  service: "iam",
  name: "DeleteRole",
  action: "iam:DeleteRole",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    const held = await store.roles.attachments(role.roleId);
    // The order of these checks in AWS is unconfirmed; each text is AWS's.
    if (held.instanceProfiles > 0)
      throw new DeleteConflict("Cannot delete entity, must remove roles from instance profile first.");
    if (held.policies > 0) {
      const managed = await store.rolePolicies.listAttached(role.roleId);
      throw new DeleteConflict(
        managed.length > 0
          ? "Cannot delete entity, must detach all policies first."
          : "Cannot delete entity, must delete policies first.",
      );
    }
    await store.roles.delete(role.roleId);
    invalidate({ kind: "role", id: role.roleId });
  },
});
