// UpdateSAMLProvider: replaces a provider's metadata document (new certificates take effect for
// the next assertion). A request that changes nothing is refused as AWS refuses it.

import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import type { UpdateSAMLProviderRequest, UpdateSAMLProviderResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { refuseAssertionEncryption } from "./CreateSAMLProvider.ts";
import { getSamlProviderOrThrow, samlMetadataFacts } from "./resolveSamlProvider.ts";

export const UpdateSAMLProvider = defineOperation<UpdateSAMLProviderRequest, UpdateSAMLProviderResponse>({
  service: "iam",
  name: "UpdateSAMLProvider",
  action: "iam:UpdateSAMLProvider",
  mutating: true,
  resource: (input) => input.SAMLProviderArn,
  async execute(input, { caller, store, now }) {
    refuseAssertionEncryption(input);
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    if (input.SAMLMetadataDocument === undefined) {
      throw new InvalidInput(
        "Unable to update identity provider. No updates are defined for metadata or encryption assertion.",
      );
    }
    await store.samlProviders.updateMetadata(
      provider.samlProviderId,
      samlMetadataFacts(input.SAMLMetadataDocument, now),
    );
    return { SAMLProviderArn: provider.arn };
  },
});
