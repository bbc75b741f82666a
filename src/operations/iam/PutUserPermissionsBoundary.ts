// PutUserPermissionsBoundary: sets (or replaces) the managed policy that bounds a user's
// permissions; it must be an existing managed policy, the account's own or AWS-managed.

import type { PutUserPermissionsBoundaryRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { boundaryPolicyArn } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const PutUserPermissionsBoundary = defineOperation<PutUserPermissionsBoundaryRequest, void>({
  service: "iam",
  name: "PutUserPermissionsBoundary",
  action: "iam:PutUserPermissionsBoundary",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  conditionKeys: (input) => ({ "iam:PermissionsBoundary": input.PermissionsBoundary }),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const arn = await boundaryPolicyArn(store, caller, input.PermissionsBoundary);
    await store.users.setPermissionsBoundary(user.userId, arn);
    // The boundary is read both with the user's identity and with their policies.
    invalidate({ kind: "user", id: user.userId });
  },
});
