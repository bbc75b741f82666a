// TagSAMLProvider: add or overwrite tags on a SAML provider, at most 50.

import type { TagSAMLProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getSamlProviderOrThrow } from "./resolveSamlProvider.ts";
import { addTags, requestTagConditionKeys } from "./validateTags.ts";

export const TagSAMLProvider = defineOperation<TagSAMLProviderRequest, void>({
  service: "iam",
  name: "TagSAMLProvider",
  action: "iam:TagSAMLProvider",
  mutating: true,
  resource: (input) => input.SAMLProviderArn,
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store }) {
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    await addTags(store.samlProviderTags, provider.samlProviderId, input.Tags);
  },
});
