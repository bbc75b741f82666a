// The wire forms of a user. GetUser and CreateUser give the full user (with its permissions
// boundary and tags); ListUsers, GetGroup and the users inside virtual MFA devices give the
// summary, without boundary or tags, as AWS's responses show.

import type { Tag } from "../../domain/Tag.ts";
import type { User } from "../../domain/User.ts";
import type { User as UserShape } from "../../generated/iam/iamShapes.ts";

/** A user as listed (ListUsers, GetGroup, ListVirtualMFADevices). */
export function userSummaryShape(user: User): UserShape {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    ...(user.passwordLastUsed ? { PasswordLastUsed: user.passwordLastUsed } : {}),
  };
}

/** A user as GetUser and CreateUser return it. */
export function userShape(user: User, tags?: readonly Tag[]): UserShape {
  return {
    ...userSummaryShape(user),
    ...(user.permissionsBoundaryArn
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy",
            PermissionsBoundaryArn: user.permissionsBoundaryArn,
          },
        }
      : {}),
    ...(tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
}
