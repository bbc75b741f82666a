// An X.509 signing certificate uploaded for a user, as stored: the PEM body and its status.

import type { CredentialStatus } from "./SshPublicKey.ts";

export interface SigningCertificate {
  readonly certificateId: string;
  readonly userId: string;
  readonly accountId: string;
  readonly certificateBody: string;
  readonly status: CredentialStatus;
  readonly uploadDate: Date;
}

export const MAX_SIGNING_CERTIFICATES_PER_USER = 2;
