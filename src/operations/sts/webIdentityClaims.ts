// What a verified web identity token says, read the way AWS reads it: the audience (the `aud` that
// is one of the provider's client ids, or `azp` when the token has no `aud`), the subject, the
// trust-policy condition keys under the provider's prefix (`host[:port][/path]:aud`, `:sub`,
// `:oaud`, `:amr`, as AWS documents for OIDC federation), and the session tags and source
// identity the identity provider passes in AWS's claims. Pure: the signature and the times are
// checked by verifyWebIdentityToken before anything here is trusted.

import type { JWTPayload } from "jose";
import { IDPRejectedClaim, InvalidIdentityToken } from "../../domain/errors/stsErrors.ts";
import type { OidcProvider } from "../../domain/OidcProvider.ts";
import type { Tag } from "../../domain/Tag.ts";
import { identityProviderTagsProblem } from "./sessionTags.ts";

/** AWS's claims for session tags and source identity (id_session-tags, id_credentials_temp_control-access_monitor). */
export const TAGS_CLAIM = "https://aws.amazon.com/tags";
export const SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

export interface WebIdentityClaims {
  readonly subject: string;
  /** The client id the token was issued for. */
  readonly audience: string;
  readonly conditionKeys: Record<string, string | string[]>;
  readonly tags: Tag[];
  readonly transitiveTagKeys: string[];
  readonly sourceIdentity?: string;
}

const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

function strings(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

/** The provider's prefix for condition keys: its URL without the scheme. */
export function conditionKeyPrefix(provider: Pick<OidcProvider, "arn">): string {
  return provider.arn.slice(provider.arn.indexOf(":oidc-provider/") + ":oidc-provider/".length);
}

/** Whether the token carries session tags or a source identity (which need sts:TagSession / sts:SetSourceIdentity). */
export function requestedSessionExtras(payload: JWTPayload | undefined): {
  tags: boolean;
  sourceIdentity: boolean;
} {
  return {
    tags: payload?.[TAGS_CLAIM] !== undefined,
    sourceIdentity: payload?.[SOURCE_IDENTITY_CLAIM] !== undefined,
  };
}

function sessionTagsClaim(value: unknown): { tags: Tag[]; transitiveTagKeys: string[] } {
  if (value === undefined) return { tags: [], transitiveTagKeys: [] };
  // AWS wording unconfirmed.
  const malformed = () => new IDPRejectedClaim(`The ${TAGS_CLAIM} claim is not a valid session tags object.`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw malformed();
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = value as Record<string, unknown>;
  if (
    principalTags !== undefined &&
    (typeof principalTags !== "object" || principalTags === null || Array.isArray(principalTags))
  )
    throw malformed();
  const tags: Tag[] = [];
  for (const [key, raw] of Object.entries((principalTags ?? {}) as Record<string, unknown>)) {
    // AWS passes each value as a one-element array; a plain string is read the same way.
    const values = strings(raw);
    const tagValue = values?.length === 1 ? values[0] : undefined;
    if (tagValue === undefined) throw malformed();
    tags.push({ Key: key, Value: tagValue });
  }
  const transitiveTagKeys = transitive === undefined ? [] : strings(transitive);
  if (!transitiveTagKeys) throw malformed();
  const problem = identityProviderTagsProblem(tags, transitiveTagKeys);
  if (problem) throw new IDPRejectedClaim(problem);
  return { tags, transitiveTagKeys };
}

/** Reads a verified token's claims for this provider; InvalidIdentityToken or IDPRejectedClaim when AWS would refuse them. */
export function webIdentityClaims(payload: JWTPayload, provider: OidcProvider): WebIdentityClaims {
  const audiences = strings(payload.aud);
  const azp = typeof payload.azp === "string" ? payload.azp : undefined;
  const candidates = audiences && audiences.length > 0 ? audiences : azp !== undefined ? [azp] : [];
  if (candidates.length === 0) throw new InvalidIdentityToken("Missing a required claim: aud");
  const audience = candidates.find((a) => provider.clientIds.includes(a));
  if (audience === undefined) throw new InvalidIdentityToken("Incorrect token audience");
  if (typeof payload.sub !== "string" || payload.sub === "")
    throw new InvalidIdentityToken("Missing a required claim: sub");

  const prefix = conditionKeyPrefix(provider);
  // AWS: `aud` is the `azp` claim when the token has one, and then `oaud` holds its `aud`.
  const conditionKeys: Record<string, string | string[]> = {
    [`${prefix}:aud`]: azp ?? audience,
    [`${prefix}:sub`]: payload.sub,
  };
  if (azp !== undefined && audiences && audiences.length > 0) conditionKeys[`${prefix}:oaud`] = audiences;
  const amr = strings(payload.amr);
  if (amr) conditionKeys[`${prefix}:amr`] = amr;

  const { tags, transitiveTagKeys } = sessionTagsClaim(payload[TAGS_CLAIM]);
  if (tags.length > 0) {
    conditionKeys["aws:TagKeys"] = tags.map((t) => t.Key);
    for (const tag of tags) conditionKeys[`aws:RequestTag/${tag.Key}`] = tag.Value;
  }
  if (transitiveTagKeys.length > 0) conditionKeys["sts:TransitiveTagKeys"] = transitiveTagKeys;

  const rawSource = payload[SOURCE_IDENTITY_CLAIM];
  let sourceIdentity: string | undefined;
  if (rawSource !== undefined) {
    if (typeof rawSource !== "string" || !SOURCE_IDENTITY.test(rawSource) || /^aws:/i.test(rawSource))
      // AWS wording unconfirmed
      throw new IDPRejectedClaim(`The ${SOURCE_IDENTITY_CLAIM} claim is not a valid source identity.`);
    sourceIdentity = rawSource;
    conditionKeys["sts:SourceIdentity"] = rawSource;
  }
  return {
    subject: payload.sub,
    audience,
    conditionKeys,
    tags,
    transitiveTagKeys,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
  };
}
