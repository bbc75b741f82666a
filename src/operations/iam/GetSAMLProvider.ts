// GetSAMLProvider: a provider's metadata document, dates and tags.

import type { GetSAMLProviderRequest, GetSAMLProviderResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getSamlProviderOrThrow } from "./resolveSamlProvider.ts";

export const GetSAMLProvider = defineOperation<GetSAMLProviderRequest, GetSAMLProviderResponse>({
  service: "iam",
  name: "GetSAMLProvider",
  action: "iam:GetSAMLProvider",
  mutating: false,
  resource: (input) => input.SAMLProviderArn,
  async execute(input, { caller, store }) {
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    const tags = await store.samlProviderTags.list(provider.samlProviderId);
    return {
      SAMLProviderUUID: provider.samlProviderId,
      SAMLMetadataDocument: provider.metadataDocument,
      CreateDate: provider.createDate,
      ValidUntil: provider.validUntil,
      ...(tags.length > 0 ? { Tags: tags } : {}),
      AssertionEncryptionMode: "Allowed",
    };
  },
});
