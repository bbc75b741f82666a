// Finding the instance profile an IAM call names, and the ARN authorization sees for it.

import { instanceProfileArn } from "../../domain/arns.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { InstanceProfile } from "../../domain/InstanceProfile.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Role } from "../../domain/Role.ts";
import type { StoreSession } from "../../store/ports.ts";
import { getRoleOrThrow } from "./resolveRole.ts";

export async function getInstanceProfileOrThrow(
  store: StoreSession,
  accountId: string,
  name: string,
): Promise<InstanceProfile> {
  const profile = await store.instanceProfiles.getByName(accountId, name);
  // AWS wording unconfirmed
  if (!profile) throw new NoSuchEntity(`Instance Profile ${name} cannot be found.`);
  return profile;
}

/** The stored profile's ARN (with its path), or, if there is none, the ARN at the root path. */
export async function instanceProfileResourceArn(
  store: StoreSession,
  caller: CallerIdentity,
  name: string,
): Promise<string> {
  const profile = await store.instanceProfiles.getByName(caller.accountId, name);
  return profile?.arn ?? instanceProfileArn(caller.accountId, "/", name);
}

/** The instance profile and the role a membership call names; NoSuchEntity for either. */
export async function getProfileAndRoleOrThrow(
  store: StoreSession,
  accountId: string,
  input: { InstanceProfileName: string; RoleName: string },
): Promise<{ profile: InstanceProfile; role: Role }> {
  const profile = await getInstanceProfileOrThrow(store, accountId, input.InstanceProfileName);
  return { profile, role: await getRoleOrThrow(store, accountId, input.RoleName) };
}
