// RemoveClientIDFromOpenIDConnectProvider: one audience fewer; removing one that is not there
// changes nothing, as AWS documents.

import type { RemoveClientIDFromOpenIDConnectProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const RemoveClientIDFromOpenIDConnectProvider = defineOperation<
  RemoveClientIDFromOpenIDConnectProviderRequest,
  void
>({
  service: "iam",
  name: "RemoveClientIDFromOpenIDConnectProvider",
  action: "iam:RemoveClientIDFromOpenIDConnectProvider",
  mutating: true,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    const clientIds = provider.clientIds.filter((c) => c !== input.ClientID);
    await ctx.store.oidcProviders.update(provider.arn, { clientIds });
  },
});
