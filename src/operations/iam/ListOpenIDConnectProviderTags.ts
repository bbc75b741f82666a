// ListOpenIDConnectProviderTags: an OIDC provider's tags in the order they were added, paginated.

import type {
  ListOpenIDConnectProviderTagsRequest,
  ListOpenIDConnectProviderTagsResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";
import { listTagsPage } from "./validateTags.ts";

export const ListOpenIDConnectProviderTags = defineOperation<
  ListOpenIDConnectProviderTagsRequest,
  ListOpenIDConnectProviderTagsResponse
>({
  service: "iam",
  name: "ListOpenIDConnectProviderTags",
  action: "iam:ListOpenIDConnectProviderTags",
  mutating: false,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    return listTagsPage(ctx.store.oidcProviderTags, provider.arn, input.Marker, input.MaxItems);
  },
});
