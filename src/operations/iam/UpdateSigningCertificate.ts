// UpdateSigningCertificate: makes one of a user's signing certificates Active or Inactive.

import type { UpdateSigningCertificateRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SIGNING_CERTIFICATES } from "./signingCertificateShape.ts";
import { setUserCredentialStatus } from "./userCredentials.ts";

export const UpdateSigningCertificate = defineOperation<UpdateSigningCertificateRequest, void>({
  service: "iam",
  name: "UpdateSigningCertificate",
  action: "iam:UpdateSigningCertificate",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  execute: (input, ctx) => setUserCredentialStatus(SIGNING_CERTIFICATES, input, input.CertificateId, ctx),
});
