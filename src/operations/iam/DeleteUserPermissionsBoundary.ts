// DeleteUserPermissionsBoundary: removes a user's permissions boundary, so their permissions
// policies alone decide again. The iam:PermissionsBoundary condition key carries the boundary
// being removed, which only the store knows: resource() reads the user and hands the ARN over
// to conditionKeys() for this same request (keyed by the request's input object).

import type { DeleteUserPermissionsBoundaryRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, impliedUserName, userResourceArn } from "./resolveUser.ts";

const currentBoundary = new WeakMap<object, string>();

export const DeleteUserPermissionsBoundary = defineOperation<DeleteUserPermissionsBoundaryRequest, void>({
  service: "iam",
  name: "DeleteUserPermissionsBoundary",
  action: "iam:DeleteUserPermissionsBoundary",
  mutating: true,
  async resource(input, { caller, store }) {
    const name = impliedUserName(caller, input.UserName);
    const user = name === undefined ? undefined : await store.users.getByName(caller.accountId, name);
    if (user?.permissionsBoundaryArn) currentBoundary.set(input, user.permissionsBoundaryArn);
    return userResourceArn(store, caller, input.UserName);
  },
  conditionKeys: (input): Record<string, string> => {
    const boundary = currentBoundary.get(input);
    return boundary ? { "iam:PermissionsBoundary": boundary } : {};
  },
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    // A user without a boundary is left as is: the call is idempotent.
    if (user.permissionsBoundaryArn === undefined) return;
    await store.users.setPermissionsBoundary(user.userId, undefined);
    invalidate("credentials");
    invalidate("policies");
  },
});
