// Table-driven: each case of accessKeyInfo.json asks a real server, through the AWS SDK v3, for
// the account of one access key id, and compares the answer (or the refusal) with the table.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand } from "@aws-sdk/client-sts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";

interface AccessKeyInfoCase {
  name: string;
  accessKeyId: string;
  as: "root" | "user";
  expect: { account: string } | { status: number; code: string; message: string };
}

const { cases } = JSON.parse(readFileSync(join(import.meta.dirname, "accessKeyInfo.json"), "utf8")) as {
  cases: AccessKeyInfoCase[];
};

describe("GetAccessKeyInfo for any well-formed key id", () => {
  let server: TestServer;
  let user: Credentials;
  before(async () => {
    server = await startTestServer();
    const iam = iamClient(server.url, ROOT_KEY);
    await iam.send(new CreateUserCommand({ UserName: "key-reader" }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "key-reader",
        PolicyName: "read-key-info",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sts:GetAccessKeyInfo", Resource: "*" }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "key-reader" }))).AccessKey;
    user = { accessKeyId: key?.AccessKeyId ?? "", secretAccessKey: key?.SecretAccessKey ?? "" };
  });
  after(async () => {
    await server?.stop();
  });

  for (const c of cases) {
    test(c.name, async () => {
      const caller = c.as === "root" ? ROOT_KEY : user;
      const AccessKeyId = c.accessKeyId.replace("{{caller}}", caller.accessKeyId);
      const call = stsClient(server.url, caller).send(new GetAccessKeyInfoCommand({ AccessKeyId }));
      if ("account" in c.expect) {
        assert.equal((await call).Account, c.expect.account);
      } else {
        assert.deepEqual(await expectRefusal(call), c.expect);
      }
    });
  }
});
