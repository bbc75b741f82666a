// End-to-end with the AWS CLI (where the machine has it): a role created from a trust policy
// file, read back decoded by the CLI as it decodes AWS's URL-encoded documents, listed, given a
// managed policy and an instance profile, and the delete conflicts the CLI reports.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable, awsCliOk } from "../support/awsCli.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const available = await awsCliAvailable();

describe("AWS CLI: roles and instance profiles", { skip: available ? false : AWS_CLI_MISSING }, () => {
  const running = useTestServer();
  const aws = (...args: string[]) => awsCliOk(running.server.url, ROOT_KEY, ...args);

  async function awsFails(...args: string[]): Promise<string> {
    const out = await awsCli(running.server.url, ROOT_KEY, ...args);
    assert.ok(!out.ok, "expected the CLI to fail");
    return out.stderr;
  }

  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com", AWS: `arn:aws:iam::${TEST_ACCOUNT_ID}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "a b+c" } },
      },
    ],
  };

  test("create-role from a file, get-role, list-roles, attach-role-policy, instance profiles, conflicts", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-cli-")), "trust.json");
    fs.writeFileSync(file, JSON.stringify(trust, null, 2));
    const created = await aws(
      "iam",
      "create-role",
      "--role-name",
      "cli-role",
      "--path",
      "/cli/",
      "--assume-role-policy-document",
      `file://${file}`,
    );
    assert.equal(created.Role.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:role/cli/cli-role`);

    const got = await aws("iam", "get-role", "--role-name", "cli-role");
    assert.deepEqual(got.Role.AssumeRolePolicyDocument, trust);
    assert.equal(got.Role.MaxSessionDuration, 3600);
    assert.deepEqual(got.Role.RoleLastUsed, {});

    const listed = await aws("iam", "list-roles", "--path-prefix", "/cli/");
    assert.deepEqual(
      listed.Roles.map((r: { RoleName: string }) => r.RoleName),
      ["cli-role"],
    );

    const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    await aws("iam", "attach-role-policy", "--role-name", "cli-role", "--policy-arn", readOnly);
    const attached = await aws("iam", "list-attached-role-policies", "--role-name", "cli-role");
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: "ReadOnlyAccess", PolicyArn: readOnly }]);
    assert.match(
      await awsFails("iam", "delete-role", "--role-name", "cli-role"),
      /DeleteConflict.*must detach all policies first/,
    );
    await aws("iam", "detach-role-policy", "--role-name", "cli-role", "--policy-arn", readOnly);

    await aws("iam", "create-instance-profile", "--instance-profile-name", "cli-ip");
    await aws(
      "iam",
      "add-role-to-instance-profile",
      "--instance-profile-name",
      "cli-ip",
      "--role-name",
      "cli-role",
    );
    const profile = await aws("iam", "get-instance-profile", "--instance-profile-name", "cli-ip");
    assert.equal(profile.InstanceProfile.Roles[0].RoleName, "cli-role");
    assert.deepEqual(profile.InstanceProfile.Roles[0].AssumeRolePolicyDocument, trust);

    assert.match(
      await awsFails("iam", "delete-role", "--role-name", "cli-role"),
      /DeleteConflict.*must remove roles from instance profile first/,
    );
    assert.match(
      await awsFails("iam", "delete-instance-profile", "--instance-profile-name", "cli-ip"),
      /DeleteConflict.*must remove roles from instance profile first/,
    );
    await aws(
      "iam",
      "remove-role-from-instance-profile",
      "--instance-profile-name",
      "cli-ip",
      "--role-name",
      "cli-role",
    );
    await aws("iam", "delete-instance-profile", "--instance-profile-name", "cli-ip");
    await aws("iam", "delete-role", "--role-name", "cli-role");
    assert.match(await awsFails("iam", "get-role", "--role-name", "cli-role"), /NoSuchEntity/);
  });
});
