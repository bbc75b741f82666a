// UntagOpenIDConnectProvider: remove tags from an OIDC provider by key; absent keys are ignored.

import type { UntagOpenIDConnectProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";

export const UntagOpenIDConnectProvider = defineOperation<UntagOpenIDConnectProviderRequest, void>({
  service: "iam",
  name: "UntagOpenIDConnectProvider",
  action: "iam:UntagOpenIDConnectProvider",
  mutating: true,
  resource: oidcProviderResource,
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    await ctx.store.oidcProviderTags.remove(provider.arn, input.TagKeys);
  },
});
