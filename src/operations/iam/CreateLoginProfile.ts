// CreateLoginProfile: gives a user a console password, checked against the account password
// policy; only its hash is kept.

import { ValidationError } from "../../domain/errors/commonErrors.ts";
import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import type { CreateLoginProfileRequest, CreateLoginProfileResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { hashNewPassword, loginProfileShape, loginProfileUser } from "./loginProfiles.ts";
import { userResourceArn } from "./resolveUser.ts";

export const CreateLoginProfile = defineOperation<CreateLoginProfileRequest, CreateLoginProfileResponse>({
  service: "iam",
  name: "CreateLoginProfile",
  action: "iam:CreateLoginProfile",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, sealer, invalidate }) {
    const user = await loginProfileUser(store, caller, input.UserName);
    // AWS wording unconfirmed
    if (input.Password === undefined)
      throw new ValidationError("Password is required to create a login profile.");
    if (await store.loginProfiles.get(user.userId)) {
      throw new EntityAlreadyExists(`Login Profile for user ${user.userName} already exists.`);
    }
    const profile = {
      userId: user.userId,
      accountId: user.accountId,
      passwordHash: await hashNewPassword(store, user, input.Password, { random, sealer }),
      createDate: now,
      passwordChangedDate: now,
      passwordResetRequired: input.PasswordResetRequired ?? false,
    };
    await store.loginProfiles.create(profile);
    invalidate({ kind: "user", id: user.userId });
    return { LoginProfile: loginProfileShape(user, profile) };
  },
});
