// UpdateGroup: rename a group or move it to another path; its ARN follows, and its members and
// policies stay with it (they hang on the group id, which never changes).

import { groupArn } from "../../domain/arns.ts";
import type { UpdateGroupRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { groupExists } from "./CreateGroup.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const UpdateGroup = defineOperation<UpdateGroupRequest, void>({
  service: "iam",
  name: "UpdateGroup",
  action: "iam:UpdateGroup",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    const newName = input.NewGroupName ?? group.groupName;
    const newPath = input.NewPath ?? group.path;
    if (newName.toLowerCase() !== group.groupName.toLowerCase()) {
      if (await store.groups.getByName(caller.accountId, newName)) throw groupExists(newName);
    }
    await store.groups.update(group.groupId, {
      groupName: newName,
      path: newPath,
      arn: groupArn(caller.accountId, newPath, newName),
    });
    invalidate({ kind: "group", id: group.groupId });
  },
});
