// SSH public keys as a user credential kind (limit 5, AWS's quota name) and their wire shapes.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import { MAX_SSH_PUBLIC_KEYS_PER_USER, type SshPublicKey } from "../../domain/SshPublicKey.ts";
import type { User } from "../../domain/User.ts";
import type { SSHPublicKey, SSHPublicKeyMetadata } from "../../generated/iam/iamShapes.ts";
import type { UserCredentialKind } from "./userCredentials.ts";

export const SSH_PUBLIC_KEYS: UserCredentialKind<SshPublicKey> = {
  repository: (store) => store.sshPublicKeys,
  quotaName: "SSHPublicKeysPerUser", // AWS wording unconfirmed
  maxPerUser: MAX_SSH_PUBLIC_KEYS_PER_USER,
  // AWS wording unconfirmed
  notFound: (id) => new NoSuchEntity(`The Public Key with id ${id} cannot be found.`),
};

export function sshPublicKeyMetadataShape(user: User, key: SshPublicKey): SSHPublicKeyMetadata {
  return {
    UserName: user.userName,
    SSHPublicKeyId: key.sshPublicKeyId,
    Status: key.status,
    UploadDate: key.uploadDate,
  };
}

export function sshPublicKeyShape(user: User, key: SshPublicKey, encoding: "SSH" | "PEM"): SSHPublicKey {
  return {
    UserName: user.userName,
    SSHPublicKeyId: key.sshPublicKeyId,
    Fingerprint: key.fingerprint,
    SSHPublicKeyBody: encoding === "PEM" ? key.pemBody : key.sshBody,
    Status: key.status,
    UploadDate: key.uploadDate,
  };
}
