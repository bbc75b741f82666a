// The condition keys of one request, as AWS's global condition context keys define them
// (reference_policies_condition-keys), plus the operation's own keys. The presence and absence
// of keys matters as much as their values: a request signed with a long-term key carries no
// aws:MultiFactorAuthPresent at all, which is what `BoolIfExists` policies rely on.
// A role session is known by its role: aws:PrincipalArn is the role's ARN, aws:userid is
// `AROA…:session`, and its session tags win over the role's tags of the same key. Pure.

import { isoSeconds } from "../domain/isoSeconds.ts";
import { type CallerIdentity, type PrincipalType, principalArnOf } from "../domain/Principal.ts";
import type { Tag } from "../domain/Tag.ts";
import type { RawContextValue } from "../policy/index.ts";

export interface RequestFacts {
  now: Date;
  sourceIp: string;
  userAgent: string;
  region: string;
  secureTransport: boolean;
  /** An MFA code the request itself carried was checked at this time (AssumeRole's TokenCode). */
  mfaProvedAt?: Date;
}

const PRINCIPAL_TYPE: Record<PrincipalType, string> = {
  Root: "Account",
  IAMUser: "User",
  AssumedRole: "AssumedRole",
  FederatedUser: "FederatedUser",
  WebIdentityUser: "WebIdentityUser",
  SAMLUser: "SAMLUser",
};

export function buildRequestContext(
  caller: CallerIdentity,
  facts: RequestFacts,
  principalTags: readonly Tag[],
  resourceTags: readonly Tag[] | undefined,
  operationKeys: Record<string, RawContextValue> | undefined,
): Record<string, RawContextValue> {
  const ctx: Record<string, RawContextValue> = {
    "aws:PrincipalArn": principalArnOf(caller),
    "aws:PrincipalAccount": caller.accountId,
    "aws:PrincipalType": PRINCIPAL_TYPE[caller.type],
    "aws:userid": caller.principalId,
    "aws:SourceIp": facts.sourceIp,
    "aws:UserAgent": facts.userAgent,
    "aws:CurrentTime": isoSeconds(facts.now),
    "aws:EpochTime": String(Math.floor(facts.now.getTime() / 1000)),
    "aws:SecureTransport": facts.secureTransport,
    "aws:RequestedRegion": facts.region,
    "aws:ViaAWSService": false,
  };
  if (caller.userName !== undefined) ctx["aws:username"] = caller.userName;
  const provider = caller.identityProvider;
  if (provider) {
    ctx["aws:FederatedProvider"] = provider.providerArn;
    for (const [key, value] of Object.entries(provider.conditionKeys))
      ctx[key] = typeof value === "string" ? value : [...value];
  }

  const credential = caller.credential;
  // Only temporary credentials, or a code in the request itself, say anything about MFA; a
  // long-term key alone leaves the keys absent.
  const mfaAt = facts.mfaProvedAt ?? credential.mfaAuthenticatedAt;
  if ((credential.kind !== "long-term-key" && credential.kind !== "identity-token") || facts.mfaProvedAt) {
    ctx["aws:MultiFactorAuthPresent"] = mfaAt !== undefined;
    if (mfaAt !== undefined) {
      const age = Math.max(0, Math.floor((facts.now.getTime() - mfaAt.getTime()) / 1000));
      ctx["aws:MultiFactorAuthAge"] = String(age);
    }
  }
  if (credential.kind !== "long-term-key" && credential.kind !== "identity-token") {
    if (credential.issuedAt !== undefined) {
      ctx["aws:TokenIssueTime"] = isoSeconds(credential.issuedAt);
    }
  }

  for (const tag of principalTags) ctx[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
  const session = caller.roleSession;
  if (session) {
    for (const tag of session.tags) ctx[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
    if (session.sourceIdentity !== undefined) ctx["aws:SourceIdentity"] = session.sourceIdentity;
    if (session.federatedProvider !== undefined) ctx["aws:FederatedProvider"] = session.federatedProvider;
  }
  if (resourceTags) {
    for (const tag of resourceTags) {
      ctx[`aws:ResourceTag/${tag.Key}`] = tag.Value;
      ctx[`iam:ResourceTag/${tag.Key}`] = tag.Value;
    }
  }
  if (operationKeys) Object.assign(ctx, operationKeys);
  return ctx;
}
