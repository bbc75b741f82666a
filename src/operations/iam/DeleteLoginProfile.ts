// DeleteLoginProfile: removes a user's console password; the user can no longer sign in.

import type { DeleteLoginProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getLoginProfileOrThrow, loginProfileUser } from "./loginProfiles.ts";
import { userResourceArn } from "./resolveUser.ts";

export const DeleteLoginProfile = defineOperation<DeleteLoginProfileRequest, void>({
  service: "iam",
  name: "DeleteLoginProfile",
  action: "iam:DeleteLoginProfile",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await loginProfileUser(store, caller, input.UserName);
    await getLoginProfileOrThrow(store, user);
    await store.loginProfiles.delete(user.userId);
    invalidate({ kind: "user", id: user.userId });
  },
});
