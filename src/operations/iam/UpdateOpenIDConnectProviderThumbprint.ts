// UpdateOpenIDConnectProviderThumbprint: replaces the provider's thumbprint list (at most five).

import type { UpdateOpenIDConnectProviderThumbprintRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertThumbprints } from "./CreateOpenIDConnectProvider.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const UpdateOpenIDConnectProviderThumbprint = defineOperation<
  UpdateOpenIDConnectProviderThumbprintRequest,
  void
>({
  service: "iam",
  name: "UpdateOpenIDConnectProviderThumbprint",
  action: "iam:UpdateOpenIDConnectProviderThumbprint",
  mutating: true,
  resource: oidcProviderResource,
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    const thumbprints = [...new Set(input.ThumbprintList)];
    assertThumbprints(thumbprints);
    await ctx.store.oidcProviders.update(provider.arn, { thumbprints });
  },
});
