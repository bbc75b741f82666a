// ListSigningCertificates: a user's signing certificates (the caller's own when no user is named),
// bodies included as AWS returns them, oldest first, paginated.

import type {
  ListSigningCertificatesRequest,
  ListSigningCertificatesResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { userResourceArn } from "./resolveUser.ts";
import { signingCertificateShape } from "./signingCertificateShape.ts";
import { credentialUser } from "./userCredentials.ts";

export const ListSigningCertificates = defineOperation<
  ListSigningCertificatesRequest,
  ListSigningCertificatesResponse
>({
  service: "iam",
  name: "ListSigningCertificates",
  action: "iam:ListSigningCertificates",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await credentialUser(store, caller, input.UserName);
    const page = paginateList(
      await store.signingCertificates.listForUser(user.userId),
      input.Marker,
      input.MaxItems,
    );
    return {
      Certificates: page.items.map((c) => signingCertificateShape(user, c)),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
