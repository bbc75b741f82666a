// DeleteUserPermissionsBoundary: removes a user's permissions boundary, so their permissions
// policies alone decide again. The iam:PermissionsBoundary condition key carries the boundary
// being removed, read from the store.

import type { DeleteUserPermissionsBoundaryRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, impliedUserName, userResourceArn } from "./resolveUser.ts";

export const DeleteUserPermissionsBoundary = defineOperation<DeleteUserPermissionsBoundaryRequest, void>({
  service: "iam",
  name: "DeleteUserPermissionsBoundary",
  action: "iam:DeleteUserPermissionsBoundary",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async conditionKeys(input, { caller, store }): Promise<Record<string, string>> {
    const name = impliedUserName(caller, input.UserName);
    const user = name === undefined ? undefined : await store.users.getByName(caller.accountId, name);
    return user?.permissionsBoundaryArn ? { "iam:PermissionsBoundary": user.permissionsBoundaryArn } : {};
  },
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    // A user without a boundary is left as is: the call is idempotent.
    if (user.permissionsBoundaryArn === undefined) return;
    await store.users.setPermissionsBoundary(user.userId, undefined);
    invalidate({ kind: "user", id: user.userId });
  },
});
