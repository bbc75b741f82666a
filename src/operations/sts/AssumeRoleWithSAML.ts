// AssumeRoleWithSAML: a role session for someone a SAML IdP vouches for. Unsigned: the request
// is authenticated by its SAMLAssertion, verified (see verifySamlResponse) against the provider
// PrincipalArn names, inside this operation's transaction; the caller is then the provider's
// SAMLUser, and the role's trust policy alone decides, on `"Federated": <provider ARN>` and the
// saml:* keys. Each assertion id is accepted once (remembered until the assertion would expire
// anyway, in the transaction that issues the session) — AWS documents no such check; Portcullis
// is stricter, so a captured assertion cannot be replayed within its validity.
// Session tags from PrincipalTag:* attributes need sts:TagSession, a SourceIdentity attribute
// sts:SetSourceIdentity, as AWS requires.

import { type VerifiedSamlAssertion, verifySamlResponse } from "../../auth/saml/verifySamlResponse.ts";
import { parseRoleArn } from "../../domain/arns.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { ExpiredTokenException, InvalidIdentityToken } from "../../domain/errors/stsErrors.ts";
import { identityProviderCaller } from "../../domain/Principal.ts";
import type { SamlProvider } from "../../domain/SamlProvider.ts";
import type { AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse } from "../../generated/sts/stsShapes.ts";
import { requestTagConditionKeys } from "../iam/validateTags.ts";
import { defineOperation } from "../Operation.ts";
import { issueRoleSession, roleSessionDuration } from "./issueRoleSession.ts";
import { trustPolicyOf } from "./resolveRoleToAssume.ts";
import { assertRolePaired, type SamlSessionClaims, samlSessionClaims } from "./samlSessionClaims.ts";

/** AWS's sign-in endpoint: the Recipient (and Audience) an assertion for AWS carries. */
export const AWS_SAML_SIGN_IN_URL = "https://signin.aws.amazon.com/saml";
const AWS_SAML_AUDIENCES = [AWS_SAML_SIGN_IN_URL, "urn:amazon:webservices"];

interface VerifiedSaml {
  readonly provider: SamlProvider;
  readonly assertion: VerifiedSamlAssertion;
  readonly claims: SamlSessionClaims;
}

// What `authenticate` verified, for the authorize and execute steps of the same request: they
// receive the same input object, and nothing else may put an entry here.
const verifiedByRequest = new WeakMap<AssumeRoleWithSAMLRequest, VerifiedSaml>();

function verifiedOf(input: AssumeRoleWithSAMLRequest): VerifiedSaml | undefined {
  return verifiedByRequest.get(input);
}

export const AssumeRoleWithSAML = defineOperation<AssumeRoleWithSAMLRequest, AssumeRoleWithSAMLResponse>({
  service: "sts",
  name: "AssumeRoleWithSAML",
  action: "sts:AssumeRoleWithSAML",
  // It remembers the assertion id and records the role's last use.
  mutating: true,
  async authenticate(input, { store, now, federation }) {
    const provider = await store.samlProviders.getByArn(input.PrincipalArn);
    // AWS wording from its troubleshooting guide; the error code is unconfirmed.
    if (!provider) throw new InvalidIdentityToken("Specified provider doesn't exist.");
    // AWS wording unconfirmed.
    if (provider.validUntil <= now)
      throw new ExpiredTokenException("The SAML provider's metadata has expired.");
    const operatorUrls = federation.saml?.audiences ?? [];
    const assertion = verifySamlResponse(input.SAMLAssertion, {
      entityId: provider.entityId,
      certificates: provider.certificates,
      audiences: [...AWS_SAML_AUDIENCES, ...operatorUrls],
      recipients: [AWS_SAML_SIGN_IN_URL, ...operatorUrls],
      now,
    });
    assertRolePaired(assertion, input.RoleArn, provider.arn);
    const claims = samlSessionClaims(assertion, provider);
    const fresh = await store.samlProviders.redeemAssertion(
      provider.samlProviderId,
      assertion.assertionId,
      assertion.acceptableUntil,
      now,
    );
    // Portcullis's own refusal: see the header.
    if (!fresh) throw new InvalidIdentityToken("The SAML assertion has already been used.");
    verifiedByRequest.set(input, { provider, assertion, claims });
    return identityProviderCaller("SAMLUser", provider.accountId, {
      providerArn: provider.arn,
      principalId: `${claims.nameQualifier}:${assertion.nameId}`,
      userName: assertion.nameId,
      conditionKeys: claims.conditionKeys,
    });
  },
  resource: (input) => input.RoleArn,
  resourcePolicy: (input, { store }) => trustPolicyOf(store, input.RoleArn),
  alsoRequires: (input) => {
    const claims = verifiedOf(input)?.claims;
    return [
      ...(claims && claims.tags.length > 0 ? ["sts:TagSession"] : []),
      ...(claims?.sourceIdentity !== undefined ? ["sts:SetSourceIdentity"] : []),
    ];
  },
  conditionKeys: (input) => {
    const claims = verifiedOf(input)?.claims;
    if (!claims) return {};
    return {
      "sts:RoleSessionName": claims.sessionName,
      ...(claims.sourceIdentity !== undefined ? { "sts:SourceIdentity": claims.sourceIdentity } : {}),
      ...(claims.transitiveTagKeys.length > 0 ? { "sts:TransitiveTagKeys": claims.transitiveTagKeys } : {}),
      ...requestTagConditionKeys(claims.tags),
    };
  },
  async execute(input, ctx) {
    const verified = verifiedOf(input);
    const target = parseRoleArn(input.RoleArn);
    const role = target && (await ctx.store.roles.getByName(target.accountId, target.roleName));
    if (!verified || !role || role.arn !== input.RoleArn) {
      throw new AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
    }
    const { assertion, claims } = verified;
    let duration = roleSessionDuration(role, ctx.caller, input.DurationSeconds);
    // AWS: the session ends at the IdP's SessionNotOnOrAfter if that comes first.
    if (assertion.sessionNotOnOrAfter) {
      const left = Math.floor((assertion.sessionNotOnOrAfter.getTime() - ctx.now.getTime()) / 1000);
      // AWS wording unconfirmed.
      if (left < 1) throw new ExpiredTokenException("The SAML assertion's session has expired.");
      duration = Math.min(duration, left);
    }
    const session = await issueRoleSession(
      {
        role,
        sessionName: claims.sessionName,
        durationSeconds: duration,
        tags: claims.tags,
        transitiveTagKeys: claims.transitiveTagKeys,
        policy: input,
        ...(claims.sourceIdentity !== undefined ? { sourceIdentity: claims.sourceIdentity } : {}),
      },
      ctx,
    );
    return {
      ...session,
      Subject: assertion.nameId,
      SubjectType: claims.subjectType,
      Issuer: assertion.issuer,
      Audience: assertion.recipient,
      NameQualifier: claims.nameQualifier,
    };
  },
});
