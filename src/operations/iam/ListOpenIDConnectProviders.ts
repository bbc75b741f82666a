// ListOpenIDConnectProviders: the ARNs of the account's OIDC providers (AWS does not paginate it).

import type {
  ListOpenIDConnectProvidersRequest,
  ListOpenIDConnectProvidersResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const ListOpenIDConnectProviders = defineOperation<
  ListOpenIDConnectProvidersRequest,
  ListOpenIDConnectProvidersResponse
>({
  service: "iam",
  name: "ListOpenIDConnectProviders",
  action: "iam:ListOpenIDConnectProviders",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store }) {
    const providers = await store.oidcProviders.list(caller.accountId);
    return { OpenIDConnectProviderList: providers.map((p) => ({ Arn: p.arn })) };
  },
});
