// The group and user a membership call (AddUserToGroup, RemoveUserFromGroup) names, both looked
// up or NoSuchEntity, and the change named for both: the user's cached policies include its groups'.

import type { Group } from "../../domain/Group.ts";
import type { User } from "../../domain/User.ts";
import type { OperationContext } from "../OperationContext.ts";
import { getGroupOrThrow } from "./resolveGroup.ts";
import { getUserOrThrow } from "./resolveUser.ts";

export async function membershipParties(
  ctx: OperationContext,
  input: { GroupName: string; UserName: string },
): Promise<{ group: Group; user: User }> {
  const group = await getGroupOrThrow(ctx.store, ctx.caller.accountId, input.GroupName);
  const user = await getUserOrThrow(ctx.store, ctx.caller.accountId, input.UserName);
  return { group, user };
}

export function membershipChanged(ctx: OperationContext, group: Group, user: User): void {
  ctx.invalidate({ kind: "group", id: group.groupId });
  ctx.invalidate({ kind: "user", id: user.userId });
}
