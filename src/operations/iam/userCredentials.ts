// What the SSH-public-key and signing-certificate operations share: the user a call is about,
// AWS-style random ids, adding one under the per-user quota (counted in the transaction), and
// finding, re-statusing and deleting one of a user's own (another user's counts as absent).

import { ValidationError } from "../../domain/errors/commonErrors.ts";
import { LimitExceeded, type NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { CredentialStatus } from "../../domain/SshPublicKey.ts";
import type { User } from "../../domain/User.ts";
import type { StoreSession, UserCredentialRepository } from "../../store/ports.ts";
import type { OperationContext } from "../OperationContext.ts";
import { loginProfileUser } from "./loginProfiles.ts";

/** One kind of user credential: where it is stored, what AWS calls its quota and a missing one. */
export interface UserCredentialKind<T> {
  repository(store: StoreSession): UserCredentialRepository<T>;
  readonly quotaName: string;
  readonly maxPerUser: number;
  notFound(id: string): NoSuchEntity;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** `length` random upper-case letters and digits (SSH key ids after APKA, certificate ids). */
export function randomCredentialId(length: number, random: (n: number) => Buffer): string {
  let out = "";
  // 252 = 7·36: bytes above it are skipped so that every character is equally likely.
  while (out.length < length) {
    for (const b of random(length)) {
      if (b < 252 && out.length < length) out += ID_ALPHABET[b % 36];
    }
  }
  return out;
}

/**
 * The named user, or the calling user when the name is left out; like login profiles, these
 * credentials belong to IAM users only, so root without a name is refused the same way.
 */
export const credentialUser = loginProfileUser;

export async function addUserCredential<T>(
  kind: UserCredentialKind<T>,
  store: StoreSession,
  item: T,
): Promise<void> {
  if (!(await kind.repository(store).create(item, kind.maxPerUser))) {
    throw new LimitExceeded(`Cannot exceed quota for ${kind.quotaName}: ${kind.maxPerUser}`);
  }
}

export async function getUserCredentialOrThrow<T>(
  kind: UserCredentialKind<T>,
  store: StoreSession,
  user: User,
  id: string,
): Promise<T> {
  const item = await kind.repository(store).get(user.userId, id);
  if (!item) throw kind.notFound(id);
  return item;
}

/** Update*: Active or Inactive ("Expired" is in the model's enum, but no caller may set it). */
export async function setUserCredentialStatus<T>(
  kind: UserCredentialKind<T>,
  input: { UserName?: string; Status: string },
  id: string,
  { caller, store, invalidate }: OperationContext,
): Promise<void> {
  if (input.Status !== "Active" && input.Status !== "Inactive") {
    // AWS wording unconfirmed
    throw new ValidationError(
      `1 validation error detected: Value '${input.Status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  const user = await credentialUser(store, caller, input.UserName);
  await getUserCredentialOrThrow(kind, store, user, id);
  await kind.repository(store).setStatus(id, input.Status as CredentialStatus);
  invalidate({ kind: "user", id: user.userId });
}

export async function deleteUserCredential<T>(
  kind: UserCredentialKind<T>,
  userName: string | undefined,
  id: string,
  { caller, store, invalidate }: OperationContext,
): Promise<void> {
  const user = await credentialUser(store, caller, userName);
  await getUserCredentialOrThrow(kind, store, user, id);
  await kind.repository(store).delete(id);
  invalidate({ kind: "user", id: user.userId });
}
