// DeleteSAMLProvider: the provider and its tags go; role sessions already issued through it live
// on until they expire, as in AWS.

import type { DeleteSAMLProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getSamlProviderOrThrow } from "./resolveSamlProvider.ts";

export const DeleteSAMLProvider = defineOperation<DeleteSAMLProviderRequest, void>({
  service: "iam",
  name: "DeleteSAMLProvider",
  action: "iam:DeleteSAMLProvider",
  mutating: true,
  resource: (input) => input.SAMLProviderArn,
  async execute(input, { caller, store }) {
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    await store.samlProviders.delete(provider.samlProviderId);
  },
});
