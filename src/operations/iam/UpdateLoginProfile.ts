// UpdateLoginProfile: an administrator sets a user's password (policy-checked, reuse included)
// and/or whether it must be reset at the next sign-in.

import type { UpdateLoginProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import {
  getLoginProfileOrThrow,
  hashNewPassword,
  loginProfileUser,
  replacePassword,
} from "./loginProfiles.ts";
import { userResourceArn } from "./resolveUser.ts";

export const UpdateLoginProfile = defineOperation<UpdateLoginProfileRequest, void>({
  service: "iam",
  name: "UpdateLoginProfile",
  action: "iam:UpdateLoginProfile",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, sealer, invalidate }) {
    const user = await loginProfileUser(store, caller, input.UserName);
    const profile = await getLoginProfileOrThrow(store, user);
    if (input.Password !== undefined) {
      const hash = await hashNewPassword(store, user, input.Password, { random, sealer });
      await replacePassword(store, profile, hash, now, input.PasswordResetRequired);
    } else if (input.PasswordResetRequired !== undefined) {
      await store.loginProfiles.update(user.userId, { passwordResetRequired: input.PasswordResetRequired });
    }
    invalidate({ kind: "user", id: user.userId });
  },
});
