// The owner an access-key call is about: the named user, the calling user when no name is given,
// or the root principal when root calls without a name (root keys are managed the same way).

import type { AccessKey } from "../../domain/AccessKey.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { getUserOrThrow, impliedUserName } from "./resolveUser.ts";

export interface KeyOwner {
  /** Undefined for the root principal. */
  userId?: string;
  userName?: string;
}

export async function resolveKeyOwner(
  store: StoreSession,
  caller: CallerIdentity,
  userName: string | undefined,
): Promise<KeyOwner> {
  const name = impliedUserName(caller, userName);
  if (name === undefined) return {};
  const user = await getUserOrThrow(store, caller.accountId, name);
  return { userId: user.userId, userName: user.userName };
}

export async function listOwnerKeys(
  store: StoreSession,
  accountId: string,
  owner: KeyOwner,
): Promise<AccessKey[]> {
  return owner.userId ? store.accessKeys.listForUser(owner.userId) : store.accessKeys.listForRoot(accountId);
}

/** A key of this owner, or AWS's NoSuchEntity: a key of another user is treated as absent. */
export async function getOwnerKeyOrThrow(
  store: StoreSession,
  accountId: string,
  owner: KeyOwner,
  accessKeyId: string,
): Promise<AccessKey> {
  const key = await store.accessKeys.get(accessKeyId);
  if (!key || key.accountId !== accountId || key.userId !== owner.userId) {
    throw new NoSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
  }
  return key;
}
