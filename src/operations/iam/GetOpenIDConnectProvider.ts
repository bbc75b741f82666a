// GetOpenIDConnectProvider: the provider's URL (without its scheme, as AWS answers), client ids,
// thumbprints, creation date and tags.

import type {
  GetOpenIDConnectProviderRequest,
  GetOpenIDConnectProviderResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const GetOpenIDConnectProvider = defineOperation<
  GetOpenIDConnectProviderRequest,
  GetOpenIDConnectProviderResponse
>({
  service: "iam",
  name: "GetOpenIDConnectProvider",
  action: "iam:GetOpenIDConnectProvider",
  mutating: false,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    const tags = await ctx.store.oidcProviderTags.list(provider.arn);
    return {
      Url: provider.arn.slice(provider.arn.indexOf(":oidc-provider/") + ":oidc-provider/".length),
      ClientIDList: [...provider.clientIds],
      ThumbprintList: [...provider.thumbprints],
      CreateDate: provider.createDate,
      ...(tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
    };
  },
});
