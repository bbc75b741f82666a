// RemoveUserFromGroup: ends a user's membership of a group. Group and user must exist
// (NoSuchEntity otherwise); removing a user who is not a member succeeds and changes nothing, as
// AWS is observed to answer.

import type { RemoveUserFromGroupRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { membershipChanged, membershipParties } from "./groupMembership.ts";
import { groupResourceArn } from "./resolveGroup.ts";

export const RemoveUserFromGroup = defineOperation<RemoveUserFromGroupRequest, void>({
  service: "iam",
  name: "RemoveUserFromGroup",
  action: "iam:RemoveUserFromGroup",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, ctx) {
    const { group, user } = await membershipParties(ctx, input);
    await ctx.store.groups.removeUser(group.groupId, user.userId);
    membershipChanged(ctx, group, user);
  },
});
