// Finding the group an IAM call names, and the ARN authorization sees for it.

import { groupArn } from "../../domain/arns.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { Group } from "../../domain/Group.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Group as GroupShape } from "../../generated/iam/iamShapes.ts";
import type { StoreSession } from "../../store/ports.ts";

export function noSuchGroup(groupName: string): NoSuchEntity {
  return new NoSuchEntity(`The group with name ${groupName} cannot be found.`);
}

export async function getGroupOrThrow(
  store: StoreSession,
  accountId: string,
  groupName: string,
): Promise<Group> {
  const group = await store.groups.getByName(accountId, groupName);
  if (!group) throw noSuchGroup(groupName);
  return group;
}

/** The ARN authorization sees for a group: the stored one (with its path) or, if absent, the root path. */
export async function groupResourceArn(
  store: StoreSession,
  caller: CallerIdentity,
  groupName: string,
): Promise<string> {
  const group = await store.groups.getByName(caller.accountId, groupName);
  return group?.arn ?? groupArn(caller.accountId, "/", groupName);
}

/** The wire form of a group, as CreateGroup, GetGroup and the listings return it. */
export function groupShape(group: Group): GroupShape {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: group.arn,
    CreateDate: group.createDate,
  };
}
