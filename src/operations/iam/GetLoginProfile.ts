// GetLoginProfile: whether a user has a console password, since when, and whether it must be
// reset; never the password.

import type { GetLoginProfileRequest, GetLoginProfileResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getLoginProfileOrThrow, loginProfileShape, loginProfileUser } from "./loginProfiles.ts";
import { userResourceArn } from "./resolveUser.ts";

export const GetLoginProfile = defineOperation<GetLoginProfileRequest, GetLoginProfileResponse>({
  service: "iam",
  name: "GetLoginProfile",
  action: "iam:GetLoginProfile",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await loginProfileUser(store, caller, input.UserName);
    return { LoginProfile: loginProfileShape(user, await getLoginProfileOrThrow(store, user)) };
  },
});
