// PutGroupPolicy: adds or replaces an inline policy of a group. AWS's quota is on the group's
// inline policies together: 5,120 characters (white space not counted), the replaced policy excluded.

import { MAX_INLINE_GROUP_POLICY_TOTAL_SIZE } from "../../domain/Group.ts";
import type { PutGroupPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { putInlinePolicy } from "./identityPolicies.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const PutGroupPolicy = defineOperation<PutGroupPolicyRequest, void>({
  service: "iam",
  name: "PutGroupPolicy",
  action: "iam:PutGroupPolicy",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store, invalidate }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    // AWS wording unconfirmed for groups: the user form with "group".
    const holder = { repo: store.groupPolicies, id: group.groupId };
    await putInlinePolicy(holder, input.PolicyName, input.PolicyDocument, {
      maxTotalSize: MAX_INLINE_GROUP_POLICY_TOTAL_SIZE,
      exceededMessage: `Maximum policy size of ${MAX_INLINE_GROUP_POLICY_TOTAL_SIZE} bytes exceeded for group ${group.groupName}`,
    });
    invalidate({ kind: "group", id: group.groupId });
  },
});
