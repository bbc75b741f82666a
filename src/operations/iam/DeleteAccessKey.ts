// DeleteAccessKey: remove a key for good; it stops authenticating at once.

import type { DeleteAccessKeyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getOwnerKeyOrThrow, resolveKeyOwner } from "./accessKeyOwner.ts";
import { userResourceArn } from "./resolveUser.ts";

export const DeleteAccessKey = defineOperation<DeleteAccessKeyRequest, void>({
  service: "iam",
  name: "DeleteAccessKey",
  action: "iam:DeleteAccessKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const owner = await resolveKeyOwner(store, caller, input.UserName);
    await getOwnerKeyOrThrow(store, caller.accountId, owner, input.AccessKeyId);
    await store.accessKeys.delete(input.AccessKeyId);
    invalidate({ kind: "accessKey", id: input.AccessKeyId });
  },
});
