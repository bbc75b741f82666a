// DeleteGroupPolicy: removes one inline policy of a group.

import type { DeleteGroupPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { noSuchGroupPolicy } from "./GetGroupPolicy.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const DeleteGroupPolicy = defineOperation<DeleteGroupPolicyRequest, void>({
  service: "iam",
  name: "DeleteGroupPolicy",
  action: "iam:DeleteGroupPolicy",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    if (!(await store.groupPolicies.getInline(group.groupId, input.PolicyName))) {
      throw noSuchGroupPolicy(input.PolicyName);
    }
    await store.groupPolicies.deleteInline(group.groupId, input.PolicyName);
    invalidate({ kind: "group", id: group.groupId });
  },
});
