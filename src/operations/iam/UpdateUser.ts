// UpdateUser: rename a user or move it to another path; its ARN follows. Authorization checks
// the user as it is now (AWS also requires permission on the new name; see resource()).

import { userArn } from "../../domain/arns.ts";
import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import type { UpdateUserRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const UpdateUser = defineOperation<UpdateUserRequest, void>({
  service: "iam",
  name: "UpdateUser",
  action: "iam:UpdateUser",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const newName = input.NewUserName ?? user.userName;
    const newPath = input.NewPath ?? user.path;
    if (newName.toLowerCase() !== user.userName.toLowerCase()) {
      if (await store.users.getByName(caller.accountId, newName)) {
        throw new EntityAlreadyExists(`User with name ${newName} already exists.`);
      }
    }
    await store.users.update(user.userId, {
      userName: newName,
      path: newPath,
      arn: userArn(caller.accountId, newPath, newName),
    });
    // The user's ARN and name live in cached principals: the very next request must see the new ones.
    invalidate({ kind: "user", id: user.userId });
  },
});
