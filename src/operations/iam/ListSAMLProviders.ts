// ListSAMLProviders: every SAML provider of the account (AWS does not paginate this list).

import type { ListSAMLProvidersRequest, ListSAMLProvidersResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";

export const ListSAMLProviders = defineOperation<ListSAMLProvidersRequest, ListSAMLProvidersResponse>({
  service: "iam",
  name: "ListSAMLProviders",
  action: "iam:ListSAMLProviders",
  mutating: false,
  resource: () => "*",
  async execute(_input, { caller, store }) {
    const providers = await store.samlProviders.list(caller.accountId);
    return {
      SAMLProviderList: providers.map((p) => ({
        Arn: p.arn,
        ValidUntil: p.validUntil,
        CreateDate: p.createDate,
      })),
    };
  },
});
