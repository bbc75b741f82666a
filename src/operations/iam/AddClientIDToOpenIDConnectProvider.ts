// AddClientIDToOpenIDConnectProvider: one more accepted audience; adding one already there
// changes nothing, as AWS documents. At most 100 per provider.

import type { AddClientIDToOpenIDConnectProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertClientIdQuota } from "./CreateOpenIDConnectProvider.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const AddClientIDToOpenIDConnectProvider = defineOperation<
  AddClientIDToOpenIDConnectProviderRequest,
  void
>({
  service: "iam",
  name: "AddClientIDToOpenIDConnectProvider",
  action: "iam:AddClientIDToOpenIDConnectProvider",
  mutating: true,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    if (provider.clientIds.includes(input.ClientID)) return;
    const clientIds = [...provider.clientIds, input.ClientID];
    assertClientIdQuota(clientIds);
    await ctx.store.oidcProviders.update(provider.arn, { clientIds });
  },
});
