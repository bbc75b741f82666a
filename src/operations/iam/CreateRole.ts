// CreateRole: a new role in the caller's account with its trust policy (parsed strictly: every
// statement names a Principal, at most 2,048 characters), and optional path, description,
// maximum session duration, permissions boundary and tags.

import { roleArn } from "../../domain/arns.ts";
import { EntityAlreadyExists, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { generateUniqueId } from "../../domain/generateUniqueId.ts";
import { DEFAULT_MAX_SESSION_DURATION, MAX_ROLES_PER_ACCOUNT, type Role } from "../../domain/Role.ts";
import type { CreateRoleRequest, CreateRoleResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertValidTrustPolicy } from "./assertValidTrustPolicy.ts";
import { boundaryPolicyArn } from "./identityPolicies.ts";
import { roleShape } from "./roleShape.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const CreateRole = defineOperation<CreateRoleRequest, CreateRoleResponse>({
  service: "iam",
  name: "CreateRole",
  action: "iam:CreateRole",
  mutating: true,
  resource: (input, { caller }) => roleArn(caller.accountId, input.Path ?? "/", input.RoleName),
  conditionKeys: (input) => ({
    ...requestTagConditionKeys(input.Tags),
    ...(input.PermissionsBoundary ? { "iam:PermissionsBoundary": input.PermissionsBoundary } : {}),
  }),
  async execute(input, { caller, store, now, random, invalidate }) {
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    assertValidTrustPolicy(input.AssumeRolePolicyDocument);
    if (await store.roles.getByName(caller.accountId, input.RoleName)) {
      throw new EntityAlreadyExists(`Role with name ${input.RoleName} already exists.`);
    }
    // Counted inside the transaction, so racing creations cannot both pass the quota.
    if ((await store.roles.count(caller.accountId)) >= MAX_ROLES_PER_ACCOUNT) {
      throw new LimitExceeded(`Cannot exceed quota for RolesPerAccount: ${MAX_ROLES_PER_ACCOUNT}`);
    }
    const boundary =
      input.PermissionsBoundary !== undefined
        ? await boundaryPolicyArn(store, caller, input.PermissionsBoundary)
        : undefined;
    const path = input.Path ?? "/";
    const role: Role = {
      accountId: caller.accountId,
      roleId: generateUniqueId("AROA", random),
      roleName: input.RoleName,
      path,
      arn: roleArn(caller.accountId, path, input.RoleName),
      createDate: now,
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      ...(boundary ? { permissionsBoundaryArn: boundary } : {}),
    };
    await store.roles.create(role);
    await store.roleTags.put(role.roleId, tags);
    invalidate({ kind: "role", id: role.roleId });
    const { RoleLastUsed: _unused, ...created } = roleShape(role, tags);
    return { Role: created };
  },
});
