// End-to-end with the AWS CLI (where the machine has it): a short walk through groups — create,
// add a member, read it back both ways, an inline policy the CLI decodes into the submitted JSON,
// and the conflict that blocks deleting a group with members.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable, awsCliJson } from "../support/awsCli.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const available = await awsCliAvailable();

describe("AWS CLI: groups", { skip: available ? false : AWS_CLI_MISSING }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const aws = (...args: string[]) => awsCliJson(server.url, ROOT_KEY, ...args);

  test("create-group, add-user-to-group, get-group, list-groups-for-user, group policy, delete conflict", async () => {
    const created = await aws("iam", "create-group", "--group-name", "cli-team", "--path", "/cli/");
    assert.equal(created.Group.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:group/cli/cli-team`);
    await aws("iam", "create-user", "--user-name", "cli-member");
    await aws("iam", "add-user-to-group", "--group-name", "cli-team", "--user-name", "cli-member");

    const group = await aws("iam", "get-group", "--group-name", "cli-team");
    assert.equal(group.Group.GroupId, created.Group.GroupId);
    assert.deepEqual(
      group.Users.map((u: { UserName: string }) => u.UserName),
      ["cli-member"],
    );
    const mine = await aws("iam", "list-groups-for-user", "--user-name", "cli-member");
    assert.deepEqual(
      mine.Groups.map((g: { GroupName: string }) => g.GroupName),
      ["cli-team"],
    );

    const document = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:Get*"], Resource: "arn:aws:s3:::my bucket+x/*" }],
    };
    await aws(
      "iam",
      "put-group-policy",
      "--group-name",
      "cli-team",
      "--policy-name",
      "inline",
      "--policy-document",
      JSON.stringify(document, null, 2),
    );
    const inline = await aws(
      "iam",
      "get-group-policy",
      "--group-name",
      "cli-team",
      "--policy-name",
      "inline",
    );
    assert.deepEqual(inline.PolicyDocument, document);

    const refused = await awsCli(server.url, ROOT_KEY, "iam", "delete-group", "--group-name", "cli-team");
    assert.equal(refused.ok, false);
    assert.match(
      refused.ok ? "" : refused.stderr,
      /DeleteConflict.*Cannot delete entity, must remove users from group first\./,
    );
  });
});
