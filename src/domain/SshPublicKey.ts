// An SSH public key uploaded for a user (for CodeCommit), as stored: the key in the form it was
// uploaded (OpenSSH `ssh-rsa …` or PEM), and its MD5 fingerprint.

export type CredentialStatus = "Active" | "Inactive";

export interface SshPublicKey {
  readonly sshPublicKeyId: string;
  readonly userId: string;
  readonly accountId: string;
  /** The key as `ssh-rsa AAAA…` (OpenSSH), whatever form it was uploaded in. */
  readonly sshBody: string;
  /** The key as an SSH2 PEM public key (`-----BEGIN PUBLIC KEY-----`). */
  readonly pemBody: string;
  readonly fingerprint: string;
  readonly status: CredentialStatus;
  readonly uploadDate: Date;
}

export const MAX_SSH_PUBLIC_KEYS_PER_USER = 5;
export const MIN_SSH_RSA_BITS = 2048;
