// AttachGroupPolicy: attaches a managed policy (the account's own or AWS-managed) to a group, at
// most ten per group. Attaching one that is already attached changes nothing, as in AWS.

import { MAX_MANAGED_POLICIES_PER_GROUP } from "../../domain/Group.ts";
import type { AttachGroupPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { attachManagedPolicy } from "./identityPolicies.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const AttachGroupPolicy = defineOperation<AttachGroupPolicyRequest, void>({
  service: "iam",
  name: "AttachGroupPolicy",
  action: "iam:AttachGroupPolicy",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, now, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    const quota = { max: MAX_MANAGED_POLICIES_PER_GROUP, name: "PoliciesPerGroup" };
    const holder = { repo: store.groupPolicies, id: group.groupId };
    if (await attachManagedPolicy(store, caller, holder, input.PolicyArn, now, quota)) {
      invalidate({ kind: "group", id: group.groupId });
    }
  },
});
