// The wire form of a user, as GetUser, CreateUser and ListUsers return it.

import type { Tag } from "../../domain/Tag.ts";
import type { User } from "../../domain/User.ts";
import type { User as UserShape } from "../../generated/iam/iamShapes.ts";

export function userShape(user: User, tags?: readonly Tag[]): UserShape {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    ...(user.passwordLastUsed ? { PasswordLastUsed: user.passwordLastUsed } : {}),
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
