// AssumeRoleWithWebIdentity: a role session for someone an OIDC identity provider vouches for.
// Unsigned: the token in the input is the credential. It is verified (verifyWebIdentityToken)
// before anything is authorized; the caller is then the provider's user, named in trust policies
// by the provider's ARN (`"Principal": {"Federated": …}`), and the role's trust policy alone
// decides, with the token's condition keys (`host:sub`, `host:aud`…). Session tags and a source
// identity come from the token's AWS claims and need sts:TagSession / sts:SetSourceIdentity in the
// trust policy. The session it issues is an ordinary role session.

import { parseRoleArn } from "../../domain/arns.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { InvalidIdentityToken } from "../../domain/errors/stsErrors.ts";
import { identityProviderCaller } from "../../domain/Principal.ts";
import type {
  AssumeRoleWithWebIdentityRequest,
  AssumeRoleWithWebIdentityResponse,
} from "../../generated/sts/stsShapes.ts";
import { defineOperation } from "../Operation.ts";
import { issueRoleSession, roleSessionDuration } from "./issueRoleSession.ts";
import { trustPolicyOf } from "./resolveRoleToAssume.ts";
import { peekWebIdentityToken, verifyWebIdentityToken } from "./verifyWebIdentityToken.ts";
import { conditionKeyPrefix, requestedSessionExtras, webIdentityClaims } from "./webIdentityClaims.ts";

export const AssumeRoleWithWebIdentity = defineOperation<
  AssumeRoleWithWebIdentityRequest,
  AssumeRoleWithWebIdentityResponse
>({
  service: "sts",
  name: "AssumeRoleWithWebIdentity",
  action: "sts:AssumeRoleWithWebIdentity",
  // It records the role's last use.
  mutating: true,
  async authenticate(input, { store, now, federation }) {
    // The provider must be in the role's account; a role ARN that names none has no provider.
    const accountId = parseRoleArn(input.RoleArn)?.accountId ?? "";
    const { provider, payload } = await verifyWebIdentityToken(input.WebIdentityToken, {
      store,
      now,
      accountId,
      oidc: federation.oidc,
    });
    const claims = webIdentityClaims(payload, provider);
    return identityProviderCaller("WebIdentityUser", provider.accountId, {
      providerArn: provider.arn,
      principalId: `${conditionKeyPrefix(provider)}:${claims.audience}:${claims.subject}`,
      userName: claims.subject,
      conditionKeys: claims.conditionKeys,
    });
  },
  resource: (input) => input.RoleArn,
  resourcePolicy: (input, { store }) => trustPolicyOf(store, input.RoleArn),
  alsoRequires: (input) => {
    const extras = requestedSessionExtras(peekWebIdentityToken(input.WebIdentityToken));
    return [
      ...(extras.tags ? ["sts:TagSession"] : []),
      ...(extras.sourceIdentity ? ["sts:SetSourceIdentity"] : []),
    ];
  },
  conditionKeys: (input) => ({ "sts:RoleSessionName": input.RoleSessionName }),
  async execute(input, ctx) {
    const { caller, store } = ctx;
    // The token was verified by `authenticate` just before; here it is only read.
    const payload = peekWebIdentityToken(input.WebIdentityToken);
    const provider =
      caller.identityProvider && (await store.oidcProviders.get(caller.identityProvider.providerArn));
    if (caller.type !== "WebIdentityUser" || !payload || !provider)
      throw new InvalidIdentityToken(
        `No OpenIDConnect provider found in your account for ${payload?.iss ?? ""}`,
      );
    const target = parseRoleArn(input.RoleArn);
    const role = target && (await store.roles.getByName(target.accountId, target.roleName));
    // The decision already refused a missing role (its trust policy allows no one); this is the
    // same answer for a role deleted in between.
    if (!role || role.arn !== input.RoleArn)
      throw new AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");

    const claims = webIdentityClaims(payload, provider);
    const session = await issueRoleSession(
      {
        role,
        sessionName: input.RoleSessionName,
        durationSeconds: roleSessionDuration(role, caller, input.DurationSeconds),
        tags: claims.tags,
        transitiveTagKeys: claims.transitiveTagKeys,
        policy: input,
        ...(claims.sourceIdentity !== undefined ? { sourceIdentity: claims.sourceIdentity } : {}),
      },
      ctx,
    );
    return {
      ...session,
      SubjectFromWebIdentityToken: claims.subject,
      Audience: claims.audience,
      Provider: String(payload.iss),
    };
  },
});
