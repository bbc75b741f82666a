// UntagSAMLProvider: remove tags from a SAML provider by key; absent keys are ignored.

import type { UntagSAMLProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getSamlProviderOrThrow } from "./resolveSamlProvider.ts";

export const UntagSAMLProvider = defineOperation<UntagSAMLProviderRequest, void>({
  service: "iam",
  name: "UntagSAMLProvider",
  action: "iam:UntagSAMLProvider",
  mutating: true,
  resource: (input) => input.SAMLProviderArn,
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store }) {
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    await store.samlProviderTags.remove(provider.samlProviderId, input.TagKeys);
  },
});
