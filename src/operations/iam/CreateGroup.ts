// CreateGroup: a new IAM group in the caller's account, with an optional path; at most 300 per
// account, counted inside the transaction.

import { groupArn } from "../../domain/arns.ts";
import { EntityAlreadyExists, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_GROUPS_PER_ACCOUNT } from "../../domain/Group.ts";
import { generateUniqueId } from "../../domain/generateUniqueId.ts";
import type { CreateGroupRequest, CreateGroupResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { groupShape } from "./resolveGroup.ts";

export function groupExists(groupName: string): EntityAlreadyExists {
  return new EntityAlreadyExists(`Group with name ${groupName} already exists.`);
}

export const CreateGroup = defineOperation<CreateGroupRequest, CreateGroupResponse>({
  service: "iam",
  name: "CreateGroup",
  action: "iam:CreateGroup",
  mutating: true,
  resource: (input, { caller }) => groupArn(caller.accountId, input.Path ?? "/", input.GroupName),
  async execute(input, { caller, store, now, random, invalidate }) {
    if (await store.groups.getByName(caller.accountId, input.GroupName)) throw groupExists(input.GroupName);
    if ((await store.groups.count(caller.accountId)) >= MAX_GROUPS_PER_ACCOUNT) {
      throw new LimitExceeded(`Cannot exceed quota for GroupsPerAccount: ${MAX_GROUPS_PER_ACCOUNT}`);
    }
    const path = input.Path ?? "/";
    const group = {
      accountId: caller.accountId,
      groupId: generateUniqueId("AGPA", random),
      groupName: input.GroupName,
      path,
      arn: groupArn(caller.accountId, path, input.GroupName),
      createDate: now,
    };
    await store.groups.create(group);
    invalidate({ kind: "group", id: group.groupId });
    return { Group: groupShape(group) };
  },
});
