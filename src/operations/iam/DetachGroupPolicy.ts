// DetachGroupPolicy: removes a managed policy from a group; one that is not attached is NoSuchEntity.

import type { DetachGroupPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { detachManagedPolicy } from "./identityPolicies.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const DetachGroupPolicy = defineOperation<DetachGroupPolicyRequest, void>({
  service: "iam",
  name: "DetachGroupPolicy",
  action: "iam:DetachGroupPolicy",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    await detachManagedPolicy({ repo: store.groupPolicies, id: group.groupId }, input.PolicyArn);
    invalidate({ kind: "group", id: group.groupId });
  },
});
