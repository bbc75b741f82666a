// DetachUserPolicy: removes a managed policy from a user; one that is not attached is NoSuchEntity.

import type { DetachUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { detachManagedPolicy } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const DetachUserPolicy = defineOperation<DetachUserPolicyRequest, void>({
  service: "iam",
  name: "DetachUserPolicy",
  action: "iam:DetachUserPolicy",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    await detachManagedPolicy({ repo: store.userPolicies, id: user.userId }, input.PolicyArn);
    invalidate({ kind: "user", id: user.userId });
  },
});
