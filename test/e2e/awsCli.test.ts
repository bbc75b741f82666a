// End-to-end with the AWS CLI, a real client in another process, where the machine has it
// (.ci/run installs Debian's awscli when it is missing). Without it, the suite says so and why.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable } from "../support/awsCli.ts";
import type { Credentials } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const available = await awsCliAvailable();

describe("AWS CLI", { skip: available ? false : AWS_CLI_MISSING }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const aws = (creds: Credentials, ...args: string[]) => awsCli(server.url, creds, ...args);

  test("the walkthrough: identity, a user, a key, and the user's identity", async () => {
    const me = await aws(ROOT_KEY, "sts", "get-caller-identity");
    assert.ok(me.ok);
    assert.equal(me.json.Account, TEST_ACCOUNT_ID);
    assert.equal(me.json.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:root`);

    const user = await aws(ROOT_KEY, "iam", "create-user", "--user-name", "cli-alice");
    assert.ok(user.ok);
    assert.equal(user.json.User.UserName, "cli-alice");
    const key = await aws(ROOT_KEY, "iam", "create-access-key", "--user-name", "cli-alice");
    assert.ok(key.ok);
    const creds = {
      accessKeyId: key.json.AccessKey.AccessKeyId,
      secretAccessKey: key.json.AccessKey.SecretAccessKey,
    };
    const alice = await aws(creds, "sts", "get-caller-identity");
    assert.ok(alice.ok);
    assert.equal(alice.json.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/cli-alice`);
  });

  test("errors reach the CLI with AWS's codes", async () => {
    const wrong = await aws(
      { ...ROOT_KEY, secretAccessKey: "wrong-secret-000000000000000000000000000" },
      "sts",
      "get-caller-identity",
    );
    assert.ok(!wrong.ok);
    assert.match(wrong.stderr, /SignatureDoesNotMatch/);

    const unknown = await aws(
      { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "x".repeat(40) },
      "sts",
      "get-caller-identity",
    );
    assert.ok(!unknown.ok);
    assert.match(unknown.stderr, /InvalidClientTokenId/);

    const long = await aws(ROOT_KEY, "iam", "create-user", "--user-name", "u".repeat(65));
    assert.ok(!long.ok);
    assert.match(long.stderr, /ValidationError/);
    assert.match(long.stderr, /Member must have length less than or equal to 64/);

    const missing = await aws(ROOT_KEY, "iam", "get-user", "--user-name", "nobody-here");
    assert.ok(!missing.ok);
    assert.match(missing.stderr, /NoSuchEntity/);
  });
});
