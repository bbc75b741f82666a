// End-to-end: GetAccountSummary's AWS key names, real counts that follow the account, and the
// quotas this server enforces.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
} from "@aws-sdk/client-iam";
import { MAX_GROUPS_PER_ACCOUNT } from "../../src/domain/Group.ts";
import { MAX_POLICY_VERSIONS } from "../../src/domain/ManagedPolicy.ts";
import { useTestServer } from "../support/useTestServer.ts";

const running = useTestServer();
const doc = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
});
const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

test("counts follow the account; every AWS key is present", async () => {
  const iam = running.iam;
  const before: Record<string, number | undefined> =
    (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
  for (const key of [
    "Users",
    "UsersQuota",
    "Groups",
    "GroupsQuota",
    "Roles",
    "RolesQuota",
    "Policies",
    "PoliciesQuota",
    "InstanceProfiles",
    "InstanceProfilesQuota",
    "AccountMFAEnabled",
    "AccountAccessKeysPresent",
    "MFADevices",
    "MFADevicesInUse",
    "AccountSigningCertificatesPresent",
    "PolicySizeQuota",
    "PolicyVersionsInUse",
    "PolicyVersionsInUseQuota",
    "ServerCertificates",
    "ServerCertificatesQuota",
    "UserPolicySizeQuota",
    "GroupPolicySizeQuota",
    "GroupsPerUserQuota",
    "AttachedPoliciesPerUserQuota",
    "AttachedPoliciesPerGroupQuota",
    "AttachedPoliciesPerRoleQuota",
    "VersionsPerPolicyQuota",
    "GlobalEndpointTokenVersion",
    "AssumeRolePolicySizeQuota",
    "AccessKeysPerUserQuota",
    "SigningCertificatesPerUserQuota",
  ]) {
    assert.equal(typeof before[key], "number", key);
  }
  assert.equal(before.Users, 0);
  assert.equal(before.AccountAccessKeysPresent, 1, "the test root has a key");
  assert.equal(before.GroupsQuota, MAX_GROUPS_PER_ACCOUNT);
  assert.equal(before.VersionsPerPolicyQuota, MAX_POLICY_VERSIONS);

  await iam.send(new CreateUserCommand({ UserName: "s1" }));
  await iam.send(new CreateUserCommand({ UserName: "s2" }));
  await iam.send(new CreateGroupCommand({ GroupName: "g1" }));
  await iam.send(new CreateRoleCommand({ RoleName: "r1", AssumeRolePolicyDocument: trust }));
  const created = await iam.send(new CreatePolicyCommand({ PolicyName: "p1", PolicyDocument: doc }));
  await iam.send(new CreatePolicyVersionCommand({ PolicyArn: created.Policy?.Arn, PolicyDocument: doc }));
  const after = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
  assert.equal(after.Users, 2);
  assert.equal(after.Groups, 1);
  assert.equal(after.Roles, 1);
  assert.equal(after.Policies, 1);
  assert.equal(after.PolicyVersionsInUse, 2);
});
