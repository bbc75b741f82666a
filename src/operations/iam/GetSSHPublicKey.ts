// GetSSHPublicKey: one of a user's SSH public keys, in the OpenSSH (SSH) or PEM encoding asked for.

import type { GetSSHPublicKeyRequest, GetSSHPublicKeyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SSH_PUBLIC_KEYS, sshPublicKeyShape } from "./sshPublicKeyShape.ts";
import { credentialUser, getUserCredentialOrThrow } from "./userCredentials.ts";

export const GetSSHPublicKey = defineOperation<GetSSHPublicKeyRequest, GetSSHPublicKeyResponse>({
  service: "iam",
  name: "GetSSHPublicKey",
  action: "iam:GetSSHPublicKey",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await credentialUser(store, caller, input.UserName);
    const key = await getUserCredentialOrThrow(SSH_PUBLIC_KEYS, store, user, input.SSHPublicKeyId);
    return { SSHPublicKey: sshPublicKeyShape(user, key, input.Encoding) };
  },
});
