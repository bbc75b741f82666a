// Whose MFA devices an IAM call is about: the named user, or, when the name is omitted (or the
// caller is the root principal acting on itself), the caller. Also finds a device by serial number.

import { rootArn } from "../../domain/arns.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { MfaDevice, MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { User } from "../../domain/User.ts";
import type { StoreSession } from "../../store/ports.ts";
import { getUserOrThrow, impliedUserName } from "../iam/resolveUser.ts";

export interface ResolvedMfaOwner {
  owner: MfaOwner;
  /** The user, when the owner is one. */
  user?: User;
  /** The owner's ARN (a user's, or the root's). */
  arn: string;
  /** What AWS shows as UserName: the user's name, or, for the root principal, the account id. */
  displayName: string;
}

export function rootOwner(accountId: string): ResolvedMfaOwner {
  return { owner: { kind: "root" }, arn: rootArn(accountId), displayName: accountId };
}

export function userOwner(user: User): ResolvedMfaOwner {
  return { owner: { kind: "user", userId: user.userId }, user, arn: user.arn, displayName: user.userName };
}

export async function resolveMfaOwner(
  store: StoreSession,
  caller: CallerIdentity,
  userName: string | undefined,
): Promise<ResolvedMfaOwner> {
  const name = impliedUserName(caller, userName);
  if (name === undefined) return rootOwner(caller.accountId);
  return userOwner(await getUserOrThrow(store, caller.accountId, name));
}

/** The owner a caller's own devices are assigned to (GetSessionToken, the remediation). */
export function ownerOfCaller(caller: CallerIdentity): MfaOwner | undefined {
  if (caller.type === "Root") return { kind: "root" };
  if (caller.type === "IAMUser" && caller.userId) return { kind: "user", userId: caller.userId };
  return undefined;
}

export function noSuchDevice(serialNumber: string): NoSuchEntity {
  return new NoSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
}

export async function getDeviceOrThrow(
  store: StoreSession,
  accountId: string,
  serialNumber: string,
): Promise<MfaDevice> {
  const device = await store.mfaDevices.get(accountId, serialNumber);
  if (!device) throw noSuchDevice(serialNumber);
  return device;
}

/** The owner's identifier in throttling and audit: a user id, or "root". */
export function ownerKey(owner: MfaOwner): string {
  return owner.kind === "user" ? owner.userId : "root";
}
