// DeleteSSHPublicKey: removes one of a user's SSH public keys.

import type { DeleteSSHPublicKeyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SSH_PUBLIC_KEYS } from "./sshPublicKeyShape.ts";
import { deleteUserCredential } from "./userCredentials.ts";

export const DeleteSSHPublicKey = defineOperation<DeleteSSHPublicKeyRequest, void>({
  service: "iam",
  name: "DeleteSSHPublicKey",
  action: "iam:DeleteSSHPublicKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  execute: (input, ctx) => deleteUserCredential(SSH_PUBLIC_KEYS, input.UserName, input.SSHPublicKeyId, ctx),
});
