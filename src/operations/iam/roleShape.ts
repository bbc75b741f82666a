// The wire forms of roles and instance profiles. GetRole (and the calls that return one role)
// give the full role; ListRoles leaves out the permissions boundary, tags and RoleLastUsed, as AWS
// documents for ListRoles, and roles inside instance profiles also their description and duration. Trust policies go out
// URL-encoded, as AWS sends them.

import type { InstanceProfile } from "../../domain/InstanceProfile.ts";
import type { Role } from "../../domain/Role.ts";
import type { Tag } from "../../domain/Tag.ts";
import type {
  InstanceProfile as InstanceProfileShape,
  Role as RoleShape,
} from "../../generated/iam/iamShapes.ts";
import type { StoreSession } from "../../store/ports.ts";
import { urlEncodePolicyDocument } from "./policyShape.ts";

function tagsShape(tags: readonly Tag[] | undefined) {
  return tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
}

/** A role inside an instance profile: AWS's examples show neither description nor session duration. */
function instanceProfileRoleShape(role: Role): RoleShape {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: urlEncodePolicyDocument(role.assumeRolePolicyDocument),
  };
}

/** A role as ListRoles lists it. */
export function roleSummaryShape(role: Role): RoleShape {
  return {
    ...instanceProfileRoleShape(role),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
  };
}

/** A role as GetRole returns it: with its boundary, tags and last use (an empty object if never used). */
export function roleShape(role: Role, tags: readonly Tag[] | undefined): RoleShape {
  return {
    ...roleSummaryShape(role),
    ...(role.permissionsBoundaryArn
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy",
            PermissionsBoundaryArn: role.permissionsBoundaryArn,
          },
        }
      : {}),
    ...tagsShape(tags),
    RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {},
  };
}

/** An instance profile with its roles (summaries), and its tags when given. */
export async function instanceProfileShape(
  store: StoreSession,
  profile: InstanceProfile,
  tags?: readonly Tag[],
): Promise<InstanceProfileShape> {
  const roles: RoleShape[] = [];
  for (const id of profile.roleIds) {
    const role = await store.roles.getById(id);
    if (role) roles.push(instanceProfileRoleShape(role));
  }
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: roles,
    ...tagsShape(tags),
  };
}
