// UpdateAccessKey: make a key Active or Inactive. An inactive key stops authenticating at once.

import type { AccessKeyStatus } from "../../domain/AccessKey.ts";
import type { UpdateAccessKeyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getOwnerKeyOrThrow, resolveKeyOwner } from "./accessKeyOwner.ts";
import { userResourceArn } from "./resolveUser.ts";

export const UpdateAccessKey = defineOperation<UpdateAccessKeyRequest, void>({
  service: "iam",
  name: "UpdateAccessKey",
  action: "iam:UpdateAccessKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const owner = await resolveKeyOwner(store, caller, input.UserName);
    await getOwnerKeyOrThrow(store, caller.accountId, owner, input.AccessKeyId);
    await store.accessKeys.setStatus(input.AccessKeyId, input.Status as AccessKeyStatus);
    invalidate({ kind: "accessKey", id: input.AccessKeyId });
  },
});
