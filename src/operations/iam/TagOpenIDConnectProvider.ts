// TagOpenIDConnectProvider: add or overwrite tags on an OIDC provider, at most 50.

import type { TagOpenIDConnectProviderRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { oidcProviderOf, oidcProviderResource } from "./resolveOidcProvider.ts";
import { addTags, requestTagConditionKeys } from "./validateTags.ts";

export const TagOpenIDConnectProvider = defineOperation<TagOpenIDConnectProviderRequest, void>({
  service: "iam",
  name: "TagOpenIDConnectProvider",
  action: "iam:TagOpenIDConnectProvider",
  mutating: true,
  resource: oidcProviderResource,
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, ctx) {
    const provider = await oidcProviderOf(input, ctx);
    await addTags(ctx.store.oidcProviderTags, provider.arn, input.Tags);
  },
});
