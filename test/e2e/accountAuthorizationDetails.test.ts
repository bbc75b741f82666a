// End-to-end: GetAccountAuthorizationDetails through the AWS SDK v3 and the AWS CLI — every kind
// in AWS's shape (documents URL-encoded on the wire, decoded by the CLI), AWS-managed policies only
// where used, the Filter, and MaxItems=1 paging across all kinds with a user added between pages.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AWS_CLI_MISSING, awsCliAvailable, awsCliOk } from "../support/awsCli.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const running = useTestServer();
const cliAvailable = await awsCliAvailable();
const allow = (action: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
const trust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
const READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
let customerArn = "";

describe("GetAccountAuthorizationDetails", () => {
  test("builds the account", async () => {
    const iam = running.iam;
    await iam.send(new CreateUserCommand({ UserName: "ad-alice", Tags: [{ Key: "team", Value: "red" }] }));
    await iam.send(new CreateUserCommand({ UserName: "ad-bob" }));
    await iam.send(new CreateGroupCommand({ GroupName: "ad-devs" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "ad-devs", UserName: "ad-alice" }));
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: "ad-pol", PolicyDocument: allow("s3:GetObject") }),
    );
    customerArn = created.Policy?.Arn ?? "";
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: customerArn,
        PolicyDocument: allow("s3:*"),
        SetAsDefault: true,
      }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: "ad-alice", PolicyArn: customerArn }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "ad-alice",
        PolicyName: "inline",
        PolicyDocument: allow("sqs:*"),
      }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: "ad-alice", PermissionsBoundary: ADMIN }),
    );
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "ad-devs", PolicyArn: READ_ONLY }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: "ad-devs",
        PolicyName: "g-inline",
        PolicyDocument: allow("sns:*"),
      }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: "ad-role", AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: "ad-role", PolicyArn: READ_ONLY }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "ad-role",
        PolicyName: "r-inline",
        PolicyDocument: allow("ec2:*"),
      }),
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "ad-profile" }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: "ad-profile", RoleName: "ad-role" }),
    );
  });

  test("SDK: every kind, AWS-shaped, documents URL-encoded", async () => {
    const out = await running.iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(
      out.UserDetailList?.map((u) => u.UserName),
      ["ad-alice", "ad-bob"],
    );
    const alice = out.UserDetailList?.[0];
    assert.deepEqual(alice?.GroupList, ["ad-devs"]);
    assert.deepEqual(alice?.AttachedManagedPolicies, [{ PolicyName: "ad-pol", PolicyArn: customerArn }]);
    assert.equal(alice?.UserPolicyList?.[0]?.PolicyName, "inline");
    assert.deepEqual(
      JSON.parse(decodeURIComponent(alice?.UserPolicyList?.[0]?.PolicyDocument ?? "")),
      JSON.parse(allow("sqs:*")),
    );
    assert.deepEqual(alice?.PermissionsBoundary, {
      PermissionsBoundaryType: "PermissionsBoundaryPolicy",
      PermissionsBoundaryArn: ADMIN,
    });
    assert.deepEqual(alice?.Tags, [{ Key: "team", Value: "red" }]);
    assert.deepEqual(out.UserDetailList?.[1]?.GroupList, []);

    const group = out.GroupDetailList?.[0];
    assert.equal(group?.GroupName, "ad-devs");
    assert.deepEqual(group?.AttachedManagedPolicies, [
      { PolicyName: "IAMReadOnlyAccess", PolicyArn: READ_ONLY },
    ]);
    assert.equal(group?.GroupPolicyList?.[0]?.PolicyName, "g-inline");

    const role = out.RoleDetailList?.[0];
    assert.equal(role?.RoleName, "ad-role");
    assert.deepEqual(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? "")), trust);
    assert.equal(role?.InstanceProfileList?.[0]?.InstanceProfileName, "ad-profile");
    assert.equal(role?.InstanceProfileList?.[0]?.Roles?.[0]?.RoleName, "ad-role");
    assert.equal(role?.RolePolicyList?.[0]?.PolicyName, "r-inline");
    assert.deepEqual(role?.RoleLastUsed, {});

    // Customer policy, and the AWS-managed ones the account uses (attached or as a boundary) only.
    assert.deepEqual(out.Policies?.map((p) => p.Arn).sort(), [ADMIN, READ_ONLY, customerArn].sort());
    const mine = out.Policies?.find((p) => p.Arn === customerArn);
    assert.equal(mine?.DefaultVersionId, "v2");
    assert.equal(mine?.AttachmentCount, 1);
    assert.deepEqual(mine?.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion]).sort(), [
      ["v1", false],
      ["v2", true],
    ]);
    const v1 = mine?.PolicyVersionList?.find((v) => v.VersionId === "v1");
    assert.deepEqual(JSON.parse(decodeURIComponent(v1?.Document ?? "")), JSON.parse(allow("s3:GetObject")));
    assert.equal(out.Policies?.find((p) => p.Arn === ADMIN)?.PermissionsBoundaryUsageCount, 1);
  });

  test("Filter picks kinds; LocalManagedPolicy and AWSManagedPolicy split the policies", async () => {
    const roles = await running.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    assert.equal(roles.RoleDetailList?.length, 1);
    assert.equal(roles.UserDetailList, undefined);
    assert.equal(roles.Policies, undefined);
    const local = await running.iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["LocalManagedPolicy"] }),
    );
    assert.deepEqual(
      local.Policies?.map((p) => p.Arn),
      [customerArn],
    );
    const aws = await running.iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["AWSManagedPolicy"] }),
    );
    assert.deepEqual(aws.Policies?.map((p) => p.Arn).sort(), [ADMIN, READ_ONLY]);
  });

  test("MaxItems=1 pages through every kind; a user added between pages is neither lost nor repeated", async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let added = false;
    for (;;) {
      const page: GetAccountAuthorizationDetailsCommandOutput = await running.iam.send(
        new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, ...(marker ? { Marker: marker } : {}) }),
      );
      const items = [
        ...(page.UserDetailList ?? []).map((u) => `user:${u.UserName}`),
        ...(page.GroupDetailList ?? []).map((g) => `group:${g.GroupName}`),
        ...(page.RoleDetailList ?? []).map((r) => `role:${r.RoleName}`),
        ...(page.Policies ?? []).map((p) => `policy:${p.PolicyName}`),
      ];
      assert.equal(items.length, 1, JSON.stringify(items));
      seen.push(...items);
      if (!added) {
        // After ad-alice: ad-carol sorts after the current position, so the next pages must show her.
        await running.iam.send(new CreateUserCommand({ UserName: "ad-carol" }));
        added = true;
      }
      if (!page.IsTruncated) break;
      marker = page.Marker;
    }
    assert.deepEqual(seen, [
      "user:ad-alice",
      "user:ad-bob",
      "user:ad-carol",
      "group:ad-devs",
      "role:ad-role",
      // By ARN: the account's own (digits) before AWS's (`arn:aws:iam::aws:`).
      "policy:ad-pol",
      "policy:AdministratorAccess",
      "policy:IAMReadOnlyAccess",
    ]);
    await assert.rejects(
      running.iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: "not-ours" })),
      /Invalid Marker/,
    );
  });

  test("AWS CLI: get-account-authorization-details prints AWS's output, documents decoded", {
    skip: cliAvailable ? false : AWS_CLI_MISSING,
  }, async () => {
    const out = await awsCliOk(running.server.url, ROOT_KEY, "iam", "get-account-authorization-details");
    assert.deepEqual(Object.keys(out).sort(), [
      "GroupDetailList",
      "Policies",
      "RoleDetailList",
      "UserDetailList",
    ]);
    const role = out.RoleDetailList[0];
    assert.deepEqual(role.AssumeRolePolicyDocument, trust);
    assert.equal(role.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:role/ad-role`);
    assert.deepEqual(role.RolePolicyList[0].PolicyDocument, JSON.parse(allow("ec2:*")));
    const alice = out.UserDetailList.find((u: { UserName: string }) => u.UserName === "ad-alice");
    assert.deepEqual(alice.UserPolicyList[0].PolicyDocument, JSON.parse(allow("sqs:*")));
    const mine = out.Policies.find((p: { Arn: string }) => p.Arn === customerArn);
    assert.deepEqual(
      mine.PolicyVersionList.find((v: { IsDefaultVersion: boolean }) => v.IsDefaultVersion).Document,
      JSON.parse(allow("s3:*")),
    );
    assert.equal(out.UserDetailList.length, 3);
  });
});
