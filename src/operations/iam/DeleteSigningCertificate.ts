// DeleteSigningCertificate: removes one of a user's signing certificates.

import type { DeleteSigningCertificateRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";
import { SIGNING_CERTIFICATES } from "./signingCertificateShape.ts";
import { deleteUserCredential } from "./userCredentials.ts";

export const DeleteSigningCertificate = defineOperation<DeleteSigningCertificateRequest, void>({
  service: "iam",
  name: "DeleteSigningCertificate",
  action: "iam:DeleteSigningCertificate",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  execute: (input, ctx) =>
    deleteUserCredential(SIGNING_CERTIFICATES, input.UserName, input.CertificateId, ctx),
});
