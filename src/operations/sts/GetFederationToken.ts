// GetFederationToken: a federated user session (`arn:aws:sts::ACCOUNT:federated-user/NAME`)
// opened with an IAM user's long-term key, or the root principal's. Its permissions are the
// intersection of the calling user's policies and the session policies passed here; with no
// session policy it may do nothing, as AWS documents (the policy engine's rule for federated
// sessions). It may call no IAM operation and, of STS, only GetCallerIdentity (assertSessionScope),
// so it cannot manage the calling user's MFA either.
//
// Durations: 900–129,600 s (the model checks the range), default 43,200; root at most 3,600 s,
// longer requests cut to one hour. Session tags need sts:TagSession.

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { federatedUserArn } from "../../domain/Principal.ts";
import type { GetFederationTokenRequest, GetFederationTokenResponse } from "../../generated/sts/stsShapes.ts";
import { assertUniqueTagKeys, requestTagConditionKeys } from "../iam/validateTags.ts";
import { defineOperation } from "../Operation.ts";
import { DEFAULT_SESSION_SECONDS, MAX_ROOT_SESSION_SECONDS } from "./GetSessionToken.ts";
import { issueTemporaryCredentials } from "./issueTemporaryCredentials.ts";
import { sessionPolicies } from "./sessionPolicies.ts";

export const GetFederationToken = defineOperation<GetFederationTokenRequest, GetFederationTokenResponse>({
  service: "sts",
  name: "GetFederationToken",
  action: "sts:GetFederationToken",
  mutating: false,
  resource: (input, { caller }) => federatedUserArn(caller.accountId, input.Name),
  alsoRequires: (input) => ((input.Tags?.length ?? 0) > 0 ? ["sts:TagSession"] : []),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, now, random, sealer, auditDetails }) {
    if (caller.credential.kind !== "long-term-key" || (caller.type !== "IAMUser" && caller.type !== "Root")) {
      throw new AccessDenied("Cannot call GetFederationToken with session credentials");
    }
    let duration = input.DurationSeconds ?? DEFAULT_SESSION_SECONDS;
    if (caller.type === "Root") duration = Math.min(duration, MAX_ROOT_SESSION_SECONDS);
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    assertUniqueTagKeys(tags);
    const policies = sessionPolicies(input, tags);
    const arn = federatedUserArn(caller.accountId, input.Name);
    const federatedUserId = `${caller.accountId}:${input.Name}`;
    const credentials = issueTemporaryCredentials(
      {
        accountId: caller.accountId,
        principalType: "federated-user",
        principalArn: arn,
        principalId: federatedUserId,
        userName: input.Name,
        ...(policies.inline !== undefined ? { sessionPolicy: policies.inline } : {}),
        ...(policies.arns.length > 0 ? { sessionPolicyArns: policies.arns } : {}),
        sourceAccessKeyId: caller.credential.accessKeyId,
        ...(caller.userId ? { originUserId: caller.userId } : {}),
        ...(tags.length > 0 ? { tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) } : {}),
      },
      duration,
      { now, random, sealer },
    );
    auditDetails.temporaryAccessKeyId = credentials.AccessKeyId;
    return {
      Credentials: credentials,
      FederatedUser: { FederatedUserId: federatedUserId, Arn: arn },
      ...(policies.packedPolicySize !== undefined ? { PackedPolicySize: policies.packedPolicySize } : {}),
    };
  },
});
