// ListAccessKeys: the metadata (never the secrets) of a user's keys, or root's, paginated.

import type { ListAccessKeysRequest, ListAccessKeysResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { listOwnerKeys, resolveKeyOwner } from "./accessKeyOwner.ts";
import { userResourceArn } from "./resolveUser.ts";

export const ListAccessKeys = defineOperation<ListAccessKeysRequest, ListAccessKeysResponse>({
  service: "iam",
  name: "ListAccessKeys",
  action: "iam:ListAccessKeys",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const owner = await resolveKeyOwner(store, caller, input.UserName);
    const page = paginateList(
      await listOwnerKeys(store, caller.accountId, owner),
      input.Marker,
      input.MaxItems,
    );
    return {
      AccessKeyMetadata: page.items.map((k) => ({
        ...(owner.userName ? { UserName: owner.userName } : {}),
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: k.createDate,
      })),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
