// UploadSigningCertificate: adds a PEM X.509 certificate to a user (the caller when no user is
// named), Active, at most two per user (counted in the transaction). An unparsable body is
// MalformedCertificate, an expired or not yet valid one InvalidCertificate, and a certificate
// already held by any user of the account DuplicateCertificate.

import { X509Certificate } from "node:crypto";
import {
  DuplicateCertificate,
  InvalidCertificate,
  MalformedCertificate,
} from "../../domain/errors/iamErrors.ts";
import type {
  UploadSigningCertificateRequest,
  UploadSigningCertificateResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SIGNING_CERTIFICATES, signingCertificateShape } from "./signingCertificateShape.ts";
import { addUserCredential, credentialUser, randomCredentialId } from "./userCredentials.ts";

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----$/;

function parseCertificate(body: string): X509Certificate {
  const text = body.trim();
  const malformed = new MalformedCertificate(
    "Unable to parse certificate. Please ensure the certificate is in PEM format.",
  );
  if (!PEM_CERTIFICATE.test(text)) throw malformed;
  try {
    return new X509Certificate(text);
  } catch {
    throw malformed;
  }
}

/** The DER bytes of a stored body, to compare certificates whatever their line wrapping. */
function derOf(body: string): string {
  try {
    return new X509Certificate(body).raw.toString("base64");
  } catch {
    return "";
  }
}

export const UploadSigningCertificate = defineOperation<
  UploadSigningCertificateRequest,
  UploadSigningCertificateResponse
>({
  service: "iam",
  name: "UploadSigningCertificate",
  action: "iam:UploadSigningCertificate",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, invalidate }) {
    const user = await credentialUser(store, caller, input.UserName);
    const cert = parseCertificate(input.CertificateBody);
    if (new Date(cert.validTo) <= now) {
      // AWS wording unconfirmed
      throw new InvalidCertificate("The certificate has expired.");
    }
    if (new Date(cert.validFrom) > now) {
      // AWS wording unconfirmed
      throw new InvalidCertificate("The certificate is not yet valid.");
    }
    const der = cert.raw.toString("base64");
    const held = await store.signingCertificates.listForAccount(user.accountId);
    if (held.some((c) => derOf(c.certificateBody) === der)) {
      // AWS wording unconfirmed
      throw new DuplicateCertificate("The certificate already exists in the account.");
    }
    const item = {
      certificateId: randomCredentialId(32, random),
      userId: user.userId,
      accountId: user.accountId,
      certificateBody: input.CertificateBody.trim(),
      status: "Active" as const,
      uploadDate: now,
    };
    await addUserCredential(SIGNING_CERTIFICATES, store, item);
    invalidate({ kind: "user", id: user.userId });
    return { Certificate: signingCertificateShape(user, item) };
  },
});
