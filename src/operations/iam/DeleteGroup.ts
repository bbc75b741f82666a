// DeleteGroup: only a group with no members and no policies may go, as AWS requires; the conflict
// names what must be removed first.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeleteGroupRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const DeleteGroup = defineOperation<DeleteGroupRequest, void>({
  service: "iam",
  name: "DeleteGroup",
  action: "iam:DeleteGroup",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    const held = await store.groups.attachments(group.groupId);
    if (held.members > 0)
      throw new DeleteConflict("Cannot delete entity, must remove users from group first.");
    if (held.policies > 0) {
      // AWS words the two kinds differently: inline policies are deleted, managed ones detached.
      const inline = await store.groupPolicies.listInline(group.groupId);
      throw new DeleteConflict(
        inline.length > 0
          ? "Cannot delete entity, must delete policies first."
          : "Cannot delete entity, must detach all policies first.",
      );
    }
    await store.groups.delete(group.groupId);
    invalidate({ kind: "group", id: group.groupId });
  },
});
