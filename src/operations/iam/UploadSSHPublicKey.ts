// UploadSSHPublicKey: adds an RSA public key (OpenSSH, SSH2 or PEM form, ≥ 2048 bits) to a user,
// Active, at most five per user (counted in the transaction); the same key twice is refused.

import { DuplicateSSHPublicKey } from "../../domain/errors/iamErrors.ts";
import type { UploadSSHPublicKeyRequest, UploadSSHPublicKeyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { parseSshPublicKey } from "./parseSshPublicKey.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SSH_PUBLIC_KEYS, sshPublicKeyShape } from "./sshPublicKeyShape.ts";
import { addUserCredential, credentialUser, randomCredentialId } from "./userCredentials.ts";

export const UploadSSHPublicKey = defineOperation<UploadSSHPublicKeyRequest, UploadSSHPublicKeyResponse>({
  service: "iam",
  name: "UploadSSHPublicKey",
  action: "iam:UploadSSHPublicKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, invalidate }) {
    const user = await credentialUser(store, caller, input.UserName);
    const parsed = parseSshPublicKey(input.SSHPublicKeyBody);
    const held = await store.sshPublicKeys.listForUser(user.userId);
    if (held.some((k) => k.fingerprint === parsed.fingerprint)) {
      // AWS wording unconfirmed
      throw new DuplicateSSHPublicKey(
        "The SSH public key is already associated with the specified IAM user.",
      );
    }
    const key = {
      sshPublicKeyId: `APKA${randomCredentialId(16, random)}`,
      userId: user.userId,
      accountId: user.accountId,
      ...parsed,
      status: "Active" as const,
      uploadDate: now,
    };
    await addUserCredential(SSH_PUBLIC_KEYS, store, key);
    invalidate({ kind: "user", id: user.userId });
    return { SSHPublicKey: sshPublicKeyShape(user, key, "SSH") };
  },
});
