// CreateSAMLProvider: registers an IdP by its metadata document (entity id and signing
// certificates read and checked once, here), with optional tags; at most 100 per account.
// Assertion encryption is not supported: such a request is refused, never silently ignored.

import { EntityAlreadyExists, InvalidInput, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import {
  MAX_SAML_PROVIDERS_PER_ACCOUNT,
  type SamlProvider,
  samlProviderArn,
} from "../../domain/SamlProvider.ts";
import type { CreateSAMLProviderRequest, CreateSAMLProviderResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { samlMetadataFacts, samlProviderUuid } from "./resolveSamlProvider.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export function refuseAssertionEncryption(input: {
  AssertionEncryptionMode?: string;
  AddPrivateKey?: string;
}): void {
  if (input.AssertionEncryptionMode === "Required" || input.AddPrivateKey !== undefined) {
    // Portcullis's own refusal: it does not decrypt assertions.
    throw new InvalidInput("Assertion encryption is not supported by this server.");
  }
}

export const CreateSAMLProvider = defineOperation<CreateSAMLProviderRequest, CreateSAMLProviderResponse>({
  service: "iam",
  name: "CreateSAMLProvider",
  action: "iam:CreateSAMLProvider",
  mutating: true,
  resource: (input, { caller }) => samlProviderArn(caller.accountId, input.Name),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, now, random }) {
    refuseAssertionEncryption(input);
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    const facts = samlMetadataFacts(input.SAMLMetadataDocument, now);
    const arn = samlProviderArn(caller.accountId, input.Name);
    if (await store.samlProviders.getByArn(arn)) {
      // AWS wording unconfirmed
      throw new EntityAlreadyExists(`SAMLProvider ${input.Name} already exists.`);
    }
    if ((await store.samlProviders.count(caller.accountId)) >= MAX_SAML_PROVIDERS_PER_ACCOUNT) {
      throw new LimitExceeded(
        `Cannot exceed quota for SAMLProvidersPerAccount: ${MAX_SAML_PROVIDERS_PER_ACCOUNT}`,
      );
    }
    const provider: SamlProvider = {
      accountId: caller.accountId,
      samlProviderId: samlProviderUuid(random),
      name: input.Name,
      arn,
      createDate: now,
      ...facts,
    };
    await store.samlProviders.create(provider);
    await store.samlProviderTags.put(provider.samlProviderId, tags);
    return { SAMLProviderArn: arn, ...(tags.length > 0 ? { Tags: tags } : {}) };
  },
});
