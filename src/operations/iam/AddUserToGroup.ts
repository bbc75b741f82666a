// AddUserToGroup: makes a user a member of a group, at most ten groups per user (counted inside
// the transaction, so racing calls cannot pass the quota). Adding a member again changes nothing.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_GROUPS_PER_USER } from "../../domain/Group.ts";
import type { AddUserToGroupRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { membershipChanged, membershipParties } from "./groupMembership.ts";
import { groupResourceArn } from "./resolveGroup.ts";

export const AddUserToGroup = defineOperation<AddUserToGroupRequest, void>({
  service: "iam",
  name: "AddUserToGroup",
  action: "iam:AddUserToGroup",
  mutating: true,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, ctx) {
    const { group, user } = await membershipParties(ctx, input);
    const groups = await ctx.store.groups.listForUser(user.userId);
    if (groups.some((g) => g.groupId === group.groupId)) return;
    if (groups.length >= MAX_GROUPS_PER_USER) {
      throw new LimitExceeded(`Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
    }
    await ctx.store.groups.addUser(group.groupId, user.userId, ctx.now);
    membershipChanged(ctx, group, user);
  },
});
