// ListSAMLProviderTags: a SAML provider's tags in the order they were added, paginated.

import type {
  ListSAMLProviderTagsRequest,
  ListSAMLProviderTagsResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getSamlProviderOrThrow } from "./resolveSamlProvider.ts";
import { listTagsPage } from "./validateTags.ts";

export const ListSAMLProviderTags = defineOperation<
  ListSAMLProviderTagsRequest,
  ListSAMLProviderTagsResponse
>({
  service: "iam",
  name: "ListSAMLProviderTags",
  action: "iam:ListSAMLProviderTags",
  mutating: false,
  resource: (input) => input.SAMLProviderArn,
  async execute(input, { caller, store }) {
    const provider = await getSamlProviderOrThrow(store, caller.accountId, input.SAMLProviderArn);
    return listTagsPage(store.samlProviderTags, provider.samlProviderId, input.Marker, input.MaxItems);
  },
});
