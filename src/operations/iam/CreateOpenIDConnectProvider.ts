// CreateOpenIDConnectProvider: an IAM entity that trusts one OIDC issuer. AWS requires an
// `https://` URL (path allowed, no query); a port is kept, and is then part of the ARN and of the
// trust-policy condition-key prefix (`host:port:sub`). Client ids and thumbprints are optional (AWS
// no longer needs thumbprints: it checks the issuer's certificate itself); quotas as AWS's.

import { EntityAlreadyExists, InvalidInput, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import {
  MAX_CLIENT_IDS_PER_OIDC_PROVIDER,
  MAX_OIDC_PROVIDERS_PER_ACCOUNT,
  MAX_THUMBPRINTS_PER_OIDC_PROVIDER,
  type OidcProvider,
  oidcProviderArn,
  parseIssuerUrl,
} from "../../domain/OidcProvider.ts";
import type {
  CreateOpenIDConnectProviderRequest,
  CreateOpenIDConnectProviderResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

/** AWS's quota names, as its LimitExceeded messages give them. */
export function assertClientIdQuota(clientIds: readonly string[]): void {
  if (clientIds.length > MAX_CLIENT_IDS_PER_OIDC_PROVIDER)
    // AWS wording unconfirmed
    throw new LimitExceeded(
      `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS_PER_OIDC_PROVIDER}`,
    );
}

export function assertThumbprints(thumbprints: readonly string[]): void {
  if (thumbprints.length > MAX_THUMBPRINTS_PER_OIDC_PROVIDER)
    // AWS wording unconfirmed
    throw new LimitExceeded(
      `Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${MAX_THUMBPRINTS_PER_OIDC_PROVIDER}`,
    );
  // A thumbprint is the hex SHA-1 of a certificate. AWS wording unconfirmed.
  for (const t of thumbprints)
    if (!/^[0-9A-Fa-f]{40}$/.test(t))
      throw new InvalidInput(`Thumbprint ${t} is not a valid hex SHA-1 value.`);
}

export const CreateOpenIDConnectProvider = defineOperation<
  CreateOpenIDConnectProviderRequest,
  CreateOpenIDConnectProviderResponse
>({
  service: "iam",
  name: "CreateOpenIDConnectProvider",
  action: "iam:CreateOpenIDConnectProvider",
  mutating: true,
  resource: (input, { caller }) => oidcProviderArn(caller.accountId, input.Url.replace(/^[a-z]+:\/\//i, "")),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, now, federation }) {
    const url = parseIssuerUrl(input.Url, {
      allowHttpLoopback: federation?.oidc?.allowHttpLoopbackIssuers ?? false,
    });
    // AWS wording unconfirmed
    if (!url) throw new InvalidInput(`The URL ${input.Url} is not a valid https:// URL without a query.`);
    const clientIds = [...new Set(input.ClientIDList ?? [])];
    assertClientIdQuota(clientIds);
    const thumbprints = [...new Set(input.ThumbprintList ?? [])];
    assertThumbprints(thumbprints);
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);

    const provider: OidcProvider = {
      accountId: caller.accountId,
      arn: oidcProviderArn(caller.accountId, url.resource),
      issuer: url.issuer,
      clientIds,
      thumbprints,
      createDate: now,
    };
    // AWS wording unconfirmed
    if (await store.oidcProviders.get(provider.arn))
      throw new EntityAlreadyExists(`Provider with url ${input.Url} already exists.`);
    if (!(await store.oidcProviders.create(provider, MAX_OIDC_PROVIDERS_PER_ACCOUNT)))
      // AWS wording unconfirmed
      throw new LimitExceeded(
        `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${MAX_OIDC_PROVIDERS_PER_ACCOUNT}`,
      );
    await store.oidcProviderTags.put(provider.arn, tags);
    return {
      OpenIDConnectProviderArn: provider.arn,
      ...(tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
    };
  },
});
