// Finding the user an IAM call is about: the named one, or, when the name is omitted as many
// IAM calls allow, the calling user.

import { userArn } from "../../domain/arns.ts";
import { ValidationError } from "../../domain/errors/commonErrors.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { User } from "../../domain/User.ts";
import type { StoreSession } from "../../store/ports.ts";

export function noSuchUser(userName: string): NoSuchEntity {
  return new NoSuchEntity(`The user with name ${userName} cannot be found.`);
}

export async function getUserOrThrow(
  store: StoreSession,
  accountId: string,
  userName: string,
): Promise<User> {
  const user = await store.users.getByName(accountId, userName);
  if (!user) throw noSuchUser(userName);
  return user;
}

/** The name an optional `UserName` stands for; undefined means the account's root. */
export function impliedUserName(caller: CallerIdentity, userName: string | undefined): string | undefined {
  if (userName !== undefined) return userName;
  if (caller.type === "Root") return undefined;
  if (caller.userName === undefined) {
    throw new ValidationError("Must specify userName when calling with non-User credentials");
  }
  return caller.userName;
}

/** The ARN authorization sees for a user: the stored one (with its path) or, if absent, the root path. */
export async function userResourceArn(
  store: StoreSession,
  caller: CallerIdentity,
  userName: string | undefined,
): Promise<string> {
  const name = impliedUserName(caller, userName);
  if (name === undefined) return `arn:aws:iam::${caller.accountId}:root`;
  const user = await store.users.getByName(caller.accountId, name);
  return user?.arn ?? userArn(caller.accountId, "/", name);
}
