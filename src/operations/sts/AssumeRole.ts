// AssumeRole: temporary credentials for a role session, decided as AWS documents. The role's
// trust policy must always allow the caller (the one resource policy that is never optional): in
// the same account a trust policy naming the caller itself suffices on its own, one naming the
// account delegates to the caller's identity policies, and across accounts both sides must allow.
// Session tags need sts:TagSession and a source identity sts:SetSourceIdentity, on the same
// terms. An MFA code in the request is checked (and spent) before the decision, so a trust policy
// that requires aws:MultiFactorAuthPresent refuses a long-term key alone.
//
// Durations: 900 s up to the role's MaxSessionDuration (default 3,600 s), at most one hour when a
// role session assumes a role (role chaining). Chaining carries the transitive session tags and
// the source identity, which the new request cannot change.

import { parseRoleArn } from "../../domain/arns.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { AssumeRoleRequest, AssumeRoleResponse } from "../../generated/sts/stsShapes.ts";
import { requestTagConditionKeys } from "../iam/validateTags.ts";
import { proveStsMfaCode } from "../mfa/proveStsMfaCode.ts";
import { ownerOfCaller } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { issueRoleSession, roleSessionDuration } from "./issueRoleSession.ts";
import { trustPolicyOf } from "./resolveRoleToAssume.ts";

export const AssumeRole = defineOperation<AssumeRoleRequest, AssumeRoleResponse>({
  service: "sts",
  name: "AssumeRole",
  action: "sts:AssumeRole",
  // It may spend an MFA code and records the role's last use.
  mutating: true,
  resource: (input) => input.RoleArn,
  resourcePolicy: (input, { store }) => trustPolicyOf(store, input.RoleArn),
  alsoRequires: (input) => [
    ...((input.Tags?.length ?? 0) > 0 || (input.TransitiveTagKeys?.length ?? 0) > 0
      ? ["sts:TagSession"]
      : []),
    ...(input.SourceIdentity !== undefined ? ["sts:SetSourceIdentity"] : []),
  ],
  conditionKeys: (input) => ({
    "sts:RoleSessionName": input.RoleSessionName,
    ...(input.ExternalId !== undefined ? { "sts:ExternalId": input.ExternalId } : {}),
    ...(input.SourceIdentity !== undefined ? { "sts:SourceIdentity": input.SourceIdentity } : {}),
    ...(input.TransitiveTagKeys?.length ? { "sts:TransitiveTagKeys": input.TransitiveTagKeys } : {}),
    ...requestTagConditionKeys(input.Tags),
  }),
  async proveMfa(input, { caller, store, now, sealer, sourceIp }) {
    if (input.SerialNumber === undefined && input.TokenCode === undefined) return undefined;
    const owner = caller.type === "AssumedRole" ? undefined : ownerOfCaller(caller);
    const proven = await proveStsMfaCode({ store, sealer, now }, { caller, owner, sourceIp }, input);
    return new Date(proven.at * 1000);
  },
  async execute(input, { caller, store, now, random, sealer, region, mfaProvedAt, auditDetails }) {
    // AWS: the account's root user cannot assume roles.
    if (caller.type === "Root") throw new AccessDenied("Roles may not be assumed by root accounts.");
    const target = parseRoleArn(input.RoleArn);
    const role = target && (await store.roles.getByName(target.accountId, target.roleName));
    // The decision already refused a missing role (its trust policy allows no one); this is the
    // same answer for a role deleted in between.
    if (!role || role.arn !== input.RoleArn) {
      throw new AccessDenied(
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      );
    }
    return issueRoleSession(
      {
        role,
        sessionName: input.RoleSessionName,
        durationSeconds: roleSessionDuration(role, caller, input.DurationSeconds),
        tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
        transitiveTagKeys: input.TransitiveTagKeys ?? [],
        policy: input,
        ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
        ...(mfaProvedAt ? { mfaProvedAt } : {}),
      },
      { caller, store, now, random, sealer, region, auditDetails },
    );
  },
});
