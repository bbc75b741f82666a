// ChangePassword: an IAM user changes its own console password, proving the old one. The new
// password passes the account policy (reuse included); a reset requirement is cleared; once a
// password has expired under HardExpiry only an administrator may set a new one.

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { EntityTemporarilyUnmodifiable, InvalidUserType } from "../../domain/errors/iamErrors.ts";
import { passwordExpiry } from "../../domain/PasswordPolicy.ts";
import type { ChangePasswordRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import {
  getLoginProfileOrThrow,
  hashNewPassword,
  matchesStoredHash,
  replacePassword,
} from "./loginProfiles.ts";
import { getUserOrThrow } from "./resolveUser.ts";

export const ChangePassword = defineOperation<ChangePasswordRequest, void>({
  service: "iam",
  name: "ChangePassword",
  action: "iam:ChangePassword",
  mutating: true,
  // Always the caller's own user: ChangePassword takes no user name.
  resource: (_input, { caller }) => caller.arn,
  // AllowUsersToChangePassword stands in for a missing identity policy (see allowsOwnPasswordChange).
  guardFacts: async (_input, { caller, store }) => ({
    ownPasswordChange: {
      allowUsersToChangePassword:
        (await store.passwordPolicies.get(caller.accountId))?.allowUsersToChangePassword ?? false,
    },
  }),
  async execute(input, { caller, store, now, random, sealer, invalidate }) {
    if (caller.type !== "IAMUser" || caller.userName === undefined) {
      // AWS wording unconfirmed
      throw new InvalidUserType("Only IAM users can change their own password.");
    }
    const user = await getUserOrThrow(store, caller.accountId, caller.userName);
    const profile = await getLoginProfileOrThrow(store, user);
    if (!(await matchesStoredHash(sealer, input.OldPassword, profile.passwordHash))) {
      // AWS wording unconfirmed
      throw new AccessDenied("The old password is incorrect.");
    }
    const policy = await store.passwordPolicies.get(user.accountId);
    const expiry = passwordExpiry(policy, profile.passwordChangedDate);
    if (policy?.hardExpiry && expiry && expiry <= now) {
      // AWS wording unconfirmed
      throw new EntityTemporarilyUnmodifiable(
        "The password has expired and can only be reset by an administrator.",
      );
    }
    const hash = await hashNewPassword(store, user, input.NewPassword, { random, sealer });
    await replacePassword(store, profile, hash, now, false);
    invalidate({ kind: "user", id: user.userId });
  },
});
