// Signing certificates as a user credential kind (limit 2, AWS's quota name) and their wire shape.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import {
  MAX_SIGNING_CERTIFICATES_PER_USER,
  type SigningCertificate,
} from "../../domain/SigningCertificate.ts";
import type { User } from "../../domain/User.ts";
import type { SigningCertificate as SigningCertificateShape } from "../../generated/iam/iamShapes.ts";
import type { UserCredentialKind } from "./userCredentials.ts";

export const SIGNING_CERTIFICATES: UserCredentialKind<SigningCertificate> = {
  repository: (store) => store.signingCertificates,
  quotaName: "SigningCertificatesPerUser",
  maxPerUser: MAX_SIGNING_CERTIFICATES_PER_USER,
  // AWS wording unconfirmed
  notFound: (id) => new NoSuchEntity(`The Certificate with id ${id} cannot be found.`),
};

export function signingCertificateShape(user: User, cert: SigningCertificate): SigningCertificateShape {
  return {
    UserName: user.userName,
    CertificateId: cert.certificateId,
    CertificateBody: cert.certificateBody,
    Status: cert.status,
    UploadDate: cert.uploadDate,
  };
}
