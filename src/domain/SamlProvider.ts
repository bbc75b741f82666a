// A SAML identity provider as IAM stores it: the metadata document the account uploaded, and
// what Portcullis read from it once, on upload (the IdP's entity id and its signing
// certificates), so verifying an assertion needs no re-parsing. AWS's quota for SAML providers.

export interface SamlProvider {
  readonly accountId: string;
  /** AWS's SAMLProviderUUID. */
  readonly samlProviderId: string;
  readonly name: string;
  readonly arn: string;
  readonly metadataDocument: string;
  /** The metadata's EntityDescriptor entityID: an assertion's Issuer must equal it. */
  readonly entityId: string;
  /** PEM signing certificates of the IdP's IDPSSODescriptor: the only keys an assertion may be signed with. */
  readonly certificates: readonly string[];
  readonly createDate: Date;
  readonly validUntil: Date;
}

/** IAM quota "SAML providers in an AWS account". */
export const MAX_SAML_PROVIDERS_PER_ACCOUNT = 100;

export function samlProviderArn(accountId: string, name: string): string {
  return `arn:aws:iam::${accountId}:saml-provider/${name}`;
}

export function parseSamlProviderArn(arn: string): { accountId: string; name: string } | undefined {
  const m = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]{1,128})$/.exec(arn);
  return m ? { accountId: m[1] as string, name: m[2] as string } : undefined;
}
