// UpdateSSHPublicKey: makes one of a user's SSH public keys Active or Inactive.

import type { UpdateSSHPublicKeyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SSH_PUBLIC_KEYS } from "./sshPublicKeyShape.ts";
import { setUserCredentialStatus } from "./userCredentials.ts";

export const UpdateSSHPublicKey = defineOperation<UpdateSSHPublicKeyRequest, void>({
  service: "iam",
  name: "UpdateSSHPublicKey",
  action: "iam:UpdateSSHPublicKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  execute: (input, ctx) => setUserCredentialStatus(SSH_PUBLIC_KEYS, input, input.SSHPublicKeyId, ctx),
});
