// STS with the AWS CLI (where the machine has it): assume-role hands back credentials the CLI
// then signs with; get-caller-identity names the session; get-access-key-info reads the account
// from any key id; decode-authorization-message opens a message sealed for the caller's account.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeAuthorizationMessage } from "../../src/auth/session/AuthorizationMessage.ts";
import { sampleAuthorizationMessage } from "../support/authorizationMessages.ts";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable, awsCliJson } from "../support/awsCli.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const available = await awsCliAvailable();
const ctx = useTestServer();

describe("AWS CLI: STS role sessions", { skip: available ? false : AWS_CLI_MISSING }, () => {
  test("assume-role, then calls signed with the session", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "cli-assumer");
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/cli-assumer` },
          Action: "sts:AssumeRole",
        },
      ],
    });
    const created = await awsCliJson(
      url,
      ROOT_KEY,
      "iam",
      "create-role",
      "--role-name",
      "cli-role",
      "--assume-role-policy-document",
      trust,
    );
    const out = await awsCliJson(
      url,
      key,
      "sts",
      "assume-role",
      "--role-arn",
      created.Role.Arn,
      "--role-session-name",
      "cli-session",
      "--duration-seconds",
      "900",
    );
    assert.equal(
      out.AssumedRoleUser.Arn,
      `arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/cli-role/cli-session`,
    );
    const session = {
      accessKeyId: out.Credentials.AccessKeyId,
      secretAccessKey: out.Credentials.SecretAccessKey,
      sessionToken: out.Credentials.SessionToken,
    };
    const who = await awsCliJson(url, session, "sts", "get-caller-identity");
    assert.equal(who.Arn, out.AssumedRoleUser.Arn);
    assert.equal(who.UserId, `${created.Role.RoleId}:cli-session`);
    const info = await awsCliJson(
      url,
      ROOT_KEY,
      "sts",
      "get-access-key-info",
      "--access-key-id",
      session.accessKeyId,
    );
    assert.equal(info.Account, TEST_ACCOUNT_ID);
    // The role has no policies: the session may not list users.
    const refused = await awsCli(url, session, "iam", "list-users");
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? "" : refused.stderr, /AccessDenied/);
  });

  test("decode-authorization-message opens this account's messages only", async () => {
    const { url, server } = ctx.server;
    const message = sampleAuthorizationMessage();
    const encoded = encodeAuthorizationMessage(TEST_ACCOUNT_ID, message, server.data.sealer);
    const out = await awsCliJson(
      url,
      ROOT_KEY,
      "sts",
      "decode-authorization-message",
      "--encoded-message",
      encoded,
    );
    assert.deepEqual(JSON.parse(out.DecodedMessage), message);
    const foreign = encodeAuthorizationMessage("444455556666", message, server.data.sealer);
    for (const bad of [foreign, "not-a-message"]) {
      const refused = await awsCli(
        url,
        ROOT_KEY,
        "sts",
        "decode-authorization-message",
        "--encoded-message",
        bad,
      );
      assert.equal(refused.ok, false);
      assert.match(refused.ok ? "" : refused.stderr, /InvalidAuthorizationMessageException/);
    }
    // A user without sts:DecodeAuthorizationMessage is refused by policy.
    const plain = await createUserWithKey(url, "cli-no-decode");
    const denied = await awsCli(
      url,
      plain,
      "sts",
      "decode-authorization-message",
      "--encoded-message",
      encoded,
    );
    assert.match(denied.ok ? "" : denied.stderr, /AccessDenied/);
  });
});
