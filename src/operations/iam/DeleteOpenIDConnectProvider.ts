// DeleteOpenIDConnectProvider: removes the provider and its tags. Roles that trust it stay, as in
// AWS; their web-identity calls then fail, as no provider is found for the token's issuer.

import type { DeleteOpenIDConnectProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const DeleteOpenIDConnectProvider = defineOperation<DeleteOpenIDConnectProviderRequest, void>({
  service: "iam",
  name: "DeleteOpenIDConnectProvider",
  action: "iam:DeleteOpenIDConnectProvider",
  mutating: true,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    await ctx.store.oidcProviders.delete(provider.arn);
  },
});
