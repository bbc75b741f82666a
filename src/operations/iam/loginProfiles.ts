// What every password set shares (CreateLoginProfile, UpdateLoginProfile, ChangePassword): the
// account password policy's rules, PasswordReusePrevention against the remembered hashes, and the
// hashing; plus finding a user's login profile and its wire form. The password itself is never
// stored, returned or logged: only its scrypt hash reaches the store, and only sealed.

import { hashPassword, verifyPassword } from "../../auth/passwords/passwordHash.ts";
import type { Sealer } from "../../auth/sealing/Sealer.ts";
import { ValidationError } from "../../domain/errors/commonErrors.ts";
import { NoSuchEntity, PasswordPolicyViolation } from "../../domain/errors/iamErrors.ts";
import { type LoginProfile, MAX_PASSWORD_HISTORY, PASSWORD_HASH_CONTEXT } from "../../domain/LoginProfile.ts";
import { passwordViolationMessage, passwordViolations } from "../../domain/PasswordPolicy.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { User } from "../../domain/User.ts";
import type { LoginProfile as LoginProfileShape } from "../../generated/iam/iamShapes.ts";
import type { StoreSession } from "../../store/ports.ts";
import { getUserOrThrow, impliedUserName } from "./resolveUser.ts";

export function noSuchLoginProfile(userName: string): NoSuchEntity {
  return new NoSuchEntity(`Login Profile for User ${userName} cannot be found.`);
}

export async function getLoginProfileOrThrow(store: StoreSession, user: User): Promise<LoginProfile> {
  const profile = await store.loginProfiles.get(user.userId);
  if (!profile) throw noSuchLoginProfile(user.userName);
  return profile;
}

export function loginProfileShape(user: User, profile: LoginProfile): LoginProfileShape {
  return {
    UserName: user.userName,
    CreateDate: profile.createDate,
    PasswordResetRequired: profile.passwordResetRequired,
  };
}

/** Whether `password` is the one behind a stored (sealed) hash. */
export async function matchesStoredHash(
  sealer: Sealer,
  password: string,
  sealedHash: string,
): Promise<boolean> {
  return verifyPassword(password, sealer.unseal(sealedHash, PASSWORD_HASH_CONTEXT).toString("utf8"));
}

/**
 * The sealed hash of a new password for `user`, once it passes the account's policy and, when the
 * policy remembers previous passwords, differs from each of them (the current one included).
 */
export async function hashNewPassword(
  store: StoreSession,
  user: User,
  password: string,
  { random, sealer }: { random: (n: number) => Buffer; sealer: Sealer },
): Promise<string> {
  const policy = await store.passwordPolicies.get(user.accountId);
  const failures = passwordViolations(policy, password);
  if (failures.length > 0) throw new PasswordPolicyViolation(passwordViolationMessage(failures));
  const remembered = policy?.passwordReusePrevention ?? 0;
  if (remembered > 0) {
    const current = await store.loginProfiles.get(user.userId);
    const hashes = [
      ...(current ? [current.passwordHash] : []),
      ...(await store.loginProfiles.previousHashes(user.userId, remembered)),
    ].slice(0, remembered);
    const reused = await Promise.all(hashes.map((h) => matchesStoredHash(sealer, password, h)));
    if (reused.some(Boolean)) {
      // AWS wording unconfirmed
      throw new PasswordPolicyViolation(
        passwordViolationMessage([`Password should not be one of your ${remembered} previous passwords`]),
      );
    }
  }
  return sealer.seal(await hashPassword(password, random), PASSWORD_HASH_CONTEXT);
}

/** Replaces the user's password hash, remembering the old one for PasswordReusePrevention. */
export async function replacePassword(
  store: StoreSession,
  profile: LoginProfile,
  passwordHash: string,
  now: Date,
  passwordResetRequired: boolean | undefined,
): Promise<void> {
  await store.loginProfiles.remember(profile.userId, profile.passwordHash, MAX_PASSWORD_HISTORY);
  await store.loginProfiles.update(profile.userId, {
    passwordHash,
    passwordChangedDate: now,
    ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
  });
}

/**
 * The user a login-profile call is about: the named one, or the calling user. The root's own
 * console password is not managed through IAM here.
 */
export async function loginProfileUser(
  store: StoreSession,
  caller: CallerIdentity,
  userName: string | undefined,
): Promise<User> {
  const name = impliedUserName(caller, userName);
  // AWS wording unconfirmed
  if (name === undefined)
    throw new ValidationError("Must specify userName when calling with root credentials");
  return getUserOrThrow(store, caller.accountId, name);
}
