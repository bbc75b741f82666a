// ListSSHPublicKeys: the metadata of a user's SSH public keys (the caller's own when no user is
// named), oldest first, paginated.

import type { ListSSHPublicKeysRequest, ListSSHPublicKeysResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { userResourceArn } from "./resolveUser.ts";
import { sshPublicKeyMetadataShape } from "./sshPublicKeyShape.ts";
import { credentialUser } from "./userCredentials.ts";

export const ListSSHPublicKeys = defineOperation<ListSSHPublicKeysRequest, ListSSHPublicKeysResponse>({
  service: "iam",
  name: "ListSSHPublicKeys",
  action: "iam:ListSSHPublicKeys",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await credentialUser(store, caller, input.UserName);
    const page = paginateList(
      await store.sshPublicKeys.listForUser(user.userId),
      input.Marker,
      input.MaxItems,
    );
    return {
      SSHPublicKeys: page.items.map((k) => sshPublicKeyMetadataShape(user, k)),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
