// Issue 14, finding 4: the credential scope's region is the server's to judge. IAM is signed for
// us-east-1 only; STS for the regions the server serves; aws:RequestedRegion is the verified region,
// so a Deny on aws:RequestedRegion cannot be stepped around by signing for another region.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { GetUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import pino from "pino";
import { errorCode, iamClient, signedQuery, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const getUser = { Action: "GetUser", Version: "2010-05-08" };
const callerIdentity = { Action: "GetCallerIdentity", Version: "2011-06-15" };

test("IAM refuses a credential scope for any region but us-east-1, with AWS's message", async () => {
  const ok = await signedQuery(server.url, ROOT_KEY, "iam", getUser);
  assert.equal(ok.status, 200, ok.body);
  const wrong = await signedQuery(server.url, ROOT_KEY, "iam", getUser, { region: "eu-west-1" });
  assert.equal(wrong.status, 403);
  assert.equal(errorCode(wrong.body), "SignatureDoesNotMatch");
  assert.match(
    wrong.body,
    /<Message>Credential should be scoped to a valid region, not &apos;eu-west-1&apos;\. <\/Message>/,
  );
  await expectAwsError(
    iamClient(server.url, ROOT_KEY, { region: "eu-west-1" }).send(new GetUserCommand({})),
    "SignatureDoesNotMatch",
    403,
  );
  const hostile = await signedQuery(server.url, ROOT_KEY, "iam", getUser, { region: "x".repeat(200) });
  assert.equal(errorCode(hostile.body), "SignatureDoesNotMatch");
  assert.ok(hostile.body.length < 1000, "a hostile region is not echoed whole");
});

test("STS accepts the commercial regions and refuses others", async () => {
  const sts = await stsClient(server.url, ROOT_KEY, { region: "eu-west-1" }).send(
    new GetCallerIdentityCommand({}),
  );
  assert.ok(sts.Arn);
  const made = await signedQuery(server.url, ROOT_KEY, "sts", callerIdentity, { region: "xx-nowhere-9" });
  assert.equal(errorCode(made.body), "SignatureDoesNotMatch");
  assert.match(made.body, /not &apos;xx-nowhere-9&apos;/);
});

test("a Deny on aws:RequestedRegion is not bypassed by signing for the allowed region", async () => {
  const key = await createUserWithKey(server.url, "region-bound");
  await iamClient(server.url, ROOT_KEY).send(
    new PutUserPolicyCommand({
      UserName: "region-bound",
      PolicyName: "only-eu",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:GetUser", Resource: "*" },
          {
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
          },
        ],
      }),
    }),
  );
  // Signed for us-east-1, the verified region is us-east-1: the Deny applies.
  await expectAwsError(iamClient(server.url, key).send(new GetUserCommand({})), "AccessDenied", 403);
  // Signed for eu-west-1 to satisfy the condition: refused before any policy is read.
  await expectAwsError(
    iamClient(server.url, key, { region: "eu-west-1" }).send(new GetUserCommand({})),
    "SignatureDoesNotMatch",
    403,
  );
});

test("the STS regions are a setting", async () => {
  const narrow = await startTestServer();
  await narrow.stop();
  const { createServer } = await import("../../src/server/createServer.ts");
  const only = await createServer({ ...narrow.config, stsRegions: ["eu-west-1"] }, pino({ level: "silent" }));
  const url = await only.listen();
  try {
    const allowed = await signedQuery(url, ROOT_KEY, "sts", callerIdentity, { region: "eu-west-1" });
    assert.equal(allowed.status, 200, allowed.body);
    const refused = await signedQuery(url, ROOT_KEY, "sts", callerIdentity, { region: "us-east-2" });
    assert.equal(errorCode(refused.body), "SignatureDoesNotMatch");
  } finally {
    await only.close();
  }
});
