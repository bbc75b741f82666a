// What AWS reads from a verified SAML assertion for a role session: the Role attribute's
// "role,provider" pairs, RoleSessionName, SessionDuration, PrincipalTag:* and TransitiveTagKeys,
// SourceIdentity; and the saml:* condition keys, each from where AWS's condition-key reference
// says it comes (saml:aud the Recipient, saml:sub the NameID, saml:namequalifier the hash of
// issuer, account and provider name, the eduPerson/X.500 keys from their OID-named attributes).

import { createHash } from "node:crypto";
import type { VerifiedSamlAssertion } from "../../auth/saml/verifySamlResponse.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { IDPRejectedClaim, InvalidIdentityToken } from "../../domain/errors/stsErrors.ts";
import type { SamlProvider } from "../../domain/SamlProvider.ts";
import type { Tag } from "../../domain/Tag.ts";
import { identityProviderTagsProblem } from "./sessionTags.ts";

const ATTR = "https://aws.amazon.com/SAML/Attributes/";
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface SamlSessionClaims {
  readonly sessionName: string;
  readonly tags: Tag[];
  readonly transitiveTagKeys: string[];
  readonly sourceIdentity?: string;
  /** The SessionDuration attribute (AWS applies it to console sessions). */
  readonly sessionDuration?: number;
  readonly subjectType: string;
  readonly nameQualifier: string;
  readonly conditionKeys: Record<string, string | string[]>;
}

/** OID-named attributes AWS turns into saml:* condition keys. */
const OID_KEYS: Record<string, string> = {
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.1": "saml:edupersonaffiliation",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.2": "saml:edupersonnickname",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.3": "saml:edupersonorgdn",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.4": "saml:edupersonorgunitdn",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.5": "saml:edupersonprimaryaffiliation",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.6": "saml:edupersonprincipalname",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.7": "saml:edupersonentitlement",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.8": "saml:edupersonprimaryorgunitdn",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.9": "saml:edupersonscopedaffiliation",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.10": "saml:edupersontargetedid",
  "urn:oid:1.3.6.1.4.1.5923.1.1.1.11": "saml:edupersonassurance",
  "urn:oid:1.3.6.1.4.1.5923.1.2.1.2": "saml:eduorghomepageuri",
  "urn:oid:1.3.6.1.4.1.5923.1.2.1.3": "saml:eduorgidentityauthnpolicyuri",
  "urn:oid:1.3.6.1.4.1.5923.1.2.1.4": "saml:eduorglegalname",
  "urn:oid:1.3.6.1.4.1.5923.1.2.1.5": "saml:eduorgsuperioruri",
  "urn:oid:1.3.6.1.4.1.5923.1.2.1.6": "saml:eduorgwhitepagesuri",
  "urn:oid:2.5.4.3": "saml:cn",
  "urn:oid:2.5.4.4": "saml:surname",
  "urn:oid:2.5.4.42": "saml:givenName",
  "urn:oid:2.5.4.41": "saml:name",
  "urn:oid:2.5.4.45": "saml:x500UniqueIdentifier",
  "urn:oid:0.9.2342.19200300.100.1.1": "saml:uid",
  "urn:oid:0.9.2342.19200300.100.1.3": "saml:mail",
};

/** AWS: transient and persistent by their short names, any other format as its full URI. */
export function samlSubjectType(format: string): string {
  if (format === "urn:oasis:names:tc:SAML:2.0:nameid-format:transient") return "transient";
  if (format === "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent") return "persistent";
  return format;
}

/** AWS's documented formula: BASE64(SHA1(issuer + account id + "/" + provider name)). */
export function samlNameQualifier(issuer: string, accountId: string, providerName: string): string {
  return createHash("sha1").update(`${issuer}${accountId}/${providerName}`).digest("base64");
}

/**
 * The Role attribute must pair this role with this provider (either order, as AWS accepts);
 * otherwise the assertion does not let its subject assume the role.
 */
export function assertRolePaired(
  assertion: VerifiedSamlAssertion,
  roleArn: string,
  providerArn: string,
): void {
  const pairs = assertion.attributes.get(`${ATTR}Role`) ?? [];
  const paired = pairs.some((value) => {
    const parts = value.split(",").map((p) => p.trim());
    return (
      parts.length === 2 && parts.includes(roleArn) && parts.includes(providerArn) && roleArn !== providerArn
    );
  });
  if (!paired) throw new AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
}

export function samlSessionClaims(
  assertion: VerifiedSamlAssertion,
  provider: SamlProvider,
): SamlSessionClaims {
  const first = (name: string) => assertion.attributes.get(`${ATTR}${name}`)?.[0];
  const sessionName = first("RoleSessionName");
  if (sessionName === undefined)
    throw new InvalidIdentityToken("RoleSessionName is required in AuthnResponse");
  if (!SESSION_NAME.test(sessionName)) {
    throw new InvalidIdentityToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
  }
  const sourceIdentity = first("SourceIdentity");
  if (
    sourceIdentity !== undefined &&
    (!SESSION_NAME.test(sourceIdentity) || sourceIdentity.startsWith("aws:"))
  ) {
    throw new InvalidIdentityToken(
      'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"',
    );
  }
  const durationText = first("SessionDuration");
  const sessionDuration = durationText === undefined ? undefined : Number(durationText);
  if (
    sessionDuration !== undefined &&
    !(Number.isInteger(sessionDuration) && sessionDuration >= 900 && sessionDuration <= 43_200)
  ) {
    // AWS wording unconfirmed.
    throw new InvalidIdentityToken("SessionDuration in AuthnResponse must be an integer from 900 to 43200.");
  }
  const tags: Tag[] = [];
  for (const [name, values] of assertion.attributes) {
    if (!name.startsWith(`${ATTR}PrincipalTag:`) || values[0] === undefined) continue;
    tags.push({ Key: name.slice(`${ATTR}PrincipalTag:`.length), Value: values[0] });
  }
  const transitiveTagKeys = [...(assertion.attributes.get(`${ATTR}TransitiveTagKeys`) ?? [])];
  const tagsProblem = identityProviderTagsProblem(tags, transitiveTagKeys);
  // The IdP's claims are not ones AWS accepts: IDPRejectedClaim, as for a token's tags claim.
  if (tagsProblem) throw new IDPRejectedClaim(tagsProblem);

  const subjectType = samlSubjectType(assertion.nameIdFormat);
  const nameQualifier = samlNameQualifier(assertion.issuer, provider.accountId, provider.name);
  const conditionKeys: Record<string, string | string[]> = {
    "saml:aud": assertion.recipient,
    "saml:iss": assertion.issuer,
    "saml:sub": assertion.nameId,
    "saml:sub_type": subjectType,
    "saml:namequalifier": nameQualifier,
    "saml:doc": `${provider.accountId}/${provider.name}`,
  };
  for (const [oid, key] of Object.entries(OID_KEYS)) {
    const values = assertion.attributes.get(oid);
    if (values && values.length > 0)
      conditionKeys[key] = values.length === 1 ? (values[0] as string) : [...values];
  }
  return {
    sessionName,
    tags,
    transitiveTagKeys,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    ...(sessionDuration !== undefined ? { sessionDuration } : {}),
    subjectType,
    nameQualifier,
    conditionKeys,
  };
}
