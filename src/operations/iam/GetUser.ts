// GetUser: the named user, or the caller when no name is given (the root principal included, as
// AWS answers it: its account id as UserId and the root ARN).

import type { GetUserRequest, GetUserResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, impliedUserName, userResourceArn } from "./resolveUser.ts";
import { userShape } from "./userShape.ts";

export const GetUser = defineOperation<GetUserRequest, GetUserResponse>({
  service: "iam",
  name: "GetUser",
  action: "iam:GetUser",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const name = impliedUserName(caller, input.UserName);
    if (name === undefined) {
      const account = await store.accounts.get(caller.accountId);
      return {
        User: {
          UserId: caller.accountId,
          Arn: caller.arn,
          CreateDate: account?.createDate ?? new Date(0),
        } as GetUserResponse["User"],
      };
    }
    const user = await getUserOrThrow(store, caller.accountId, name);
    return { User: userShape(user, await store.userTags.list(user.userId)) };
  },
});
