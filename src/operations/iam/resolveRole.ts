// Finding the role an IAM call names, and the ARN authorization sees for it.

import { roleArn } from "../../domain/arns.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Role } from "../../domain/Role.ts";
import type { StoreSession } from "../../store/ports.ts";

export function noSuchRole(roleName: string): NoSuchEntity {
  return new NoSuchEntity(`The role with name ${roleName} cannot be found.`);
}

export async function getRoleOrThrow(
  store: StoreSession,
  accountId: string,
  roleName: string,
): Promise<Role> {
  const role = await store.roles.getByName(accountId, roleName);
  if (!role) throw noSuchRole(roleName);
  return role;
}

/** The stored role's ARN (with its path), or, if there is none, the ARN at the root path. */
export async function roleResourceArn(
  store: StoreSession,
  caller: CallerIdentity,
  roleName: string,
): Promise<string> {
  const role = await store.roles.getByName(caller.accountId, roleName);
  return role?.arn ?? roleArn(caller.accountId, "/", roleName);
}

/** The policy holder of a role, for the shared identity-policy logic. */
export function rolePolicyHolder(store: StoreSession, role: Role) {
  return { repo: store.rolePolicies, id: role.roleId };
}
