// End-to-end with the AWS CLI (where the machine has it): the CLI decodes the URL-encoded policy
// documents Portcullis returns, as it does AWS's, into the very JSON that was submitted.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AWS_CLI_MISSING, awsCliAvailable, awsCliJson } from "../support/awsCli.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const available = await awsCliAvailable();

describe("AWS CLI: policy documents", { skip: available ? false : AWS_CLI_MISSING }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const aws = (...args: string[]) => awsCliJson(server.url, ROOT_KEY, ...args);

  const document = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Read",
        Effect: "Allow",
        Action: ["s3:Get*", "s3:List*"],
        Resource: "arn:aws:s3:::my bucket+x/*",
      },
    ],
  };

  test("get-policy-version and get-user-policy show the decoded document", async () => {
    const created = await aws(
      "iam",
      "create-policy",
      "--policy-name",
      "cli-policy",
      "--policy-document",
      JSON.stringify(document, null, 2),
    );
    assert.equal(created.Policy.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/cli-policy`);
    const version = await aws(
      "iam",
      "get-policy-version",
      "--policy-arn",
      created.Policy.Arn,
      "--version-id",
      "v1",
    );
    assert.deepEqual(version.PolicyVersion.Document, document);

    await aws("iam", "create-user", "--user-name", "cli-inline");
    await aws(
      "iam",
      "put-user-policy",
      "--user-name",
      "cli-inline",
      "--policy-name",
      "inline",
      "--policy-document",
      JSON.stringify(document),
    );
    const inline = await aws(
      "iam",
      "get-user-policy",
      "--user-name",
      "cli-inline",
      "--policy-name",
      "inline",
    );
    assert.deepEqual(inline.PolicyDocument, document);

    const admin = await aws(
      "iam",
      "get-policy-version",
      "--policy-arn",
      "arn:aws:iam::aws:policy/AdministratorAccess",
      "--version-id",
      "v1",
    );
    assert.deepEqual(admin.PolicyVersion.Document.Statement, [
      { Effect: "Allow", Action: "*", Resource: "*" },
    ]);
  });
});
