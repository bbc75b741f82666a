// End-to-end: a real server on loopback, driven by the AWS SDK for JavaScript v3 and by raw
// requests signed with an independent SigV4 signer. Covers the foundation's promises: identity,
// users and keys, AWS's errors for bad credentials and bad input, authorization's safe default,
// persistence across restarts, sealed secrets and the audit trail.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
} from "@aws-sdk/client-iam";
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DATABASE_FILE } from "../../src/server/openDataFolder.ts";
import { errorCode, iamClient, signedQuery, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.stop();
});

describe("identity", () => {
  test("root's GetCallerIdentity names the account and the root ARN", async () => {
    const out = await stsClient(server.url, ROOT_KEY).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, TEST_ACCOUNT_ID);
    assert.equal(out.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:root`);
    assert.equal(out.UserId, TEST_ACCOUNT_ID);
    assert.match(out.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
  });

  test("a new user's key signs as that user", async () => {
    const creds = await createUserWithKey(server.url, "alice");
    assert.match(creds.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(creds.secretAccessKey.length, 40);
    const out = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/alice`);
    assert.match(out.UserId ?? "", /^AIDA[A-Z2-7]{17}$/);
  });

  test("GetAccessKeyInfo names the account of a key", async () => {
    const out = await stsClient(server.url, ROOT_KEY).send(
      new GetAccessKeyInfoCommand({ AccessKeyId: ROOT_KEY.accessKeyId }),
    );
    assert.equal(out.Account, TEST_ACCOUNT_ID);
  });
});

describe("authentication failures", () => {
  test("a wrong secret is SignatureDoesNotMatch (403)", async () => {
    const err = await expectRefusal(
      stsClient(server.url, {
        ...ROOT_KEY,
        secretAccessKey: "not-the-secret-0000000000000000000000000",
      }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(err.code, "SignatureDoesNotMatch");
    assert.equal(err.status, 403);
  });

  test("an unknown key id is InvalidClientTokenId (403)", async () => {
    const err = await expectRefusal(
      stsClient(server.url, { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "x".repeat(40) }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    assert.equal(err.code, "InvalidClientTokenId");
    assert.equal(err.status, 403);
    assert.equal(err.message, "The security token included in the request is invalid.");
  });

  test("a 20-minute-old signature is refused as expired", async () => {
    const res = await signedQuery(
      server.url,
      ROOT_KEY,
      "sts",
      { Action: "GetCallerIdentity", Version: "2011-06-15" },
      {
        signingDate: new Date(Date.now() - 20 * 60 * 1000),
      },
    );
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), "SignatureDoesNotMatch");
    assert.match(res.body, /Signature expired/);
  });

  test("an inactive key stops authenticating at once, and works again when reactivated", async () => {
    const creds = await createUserWithKey(server.url, "carol");
    const iam = iamClient(server.url, ROOT_KEY);
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: "carol", AccessKeyId: creds.accessKeyId, Status: "Inactive" }),
    );
    const err = await expectRefusal(stsClient(server.url, creds).send(new GetCallerIdentityCommand({})));
    assert.equal(err.code, "InvalidClientTokenId");
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: "carol", AccessKeyId: creds.accessKeyId, Status: "Active" }),
    );
    const ok = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    assert.equal(ok.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/carol`);
  });

  test("an unsigned request is MissingAuthenticationToken", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    assert.equal(res.status, 403);
    const body = await res.text();
    assert.equal(errorCode(body), "MissingAuthenticationToken");
    assert.match(res.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
    assert.ok(body.includes(`<RequestId>${res.headers.get("x-amzn-requestid")}</RequestId>`));
  });
});

describe("bad input", () => {
  test("a 65-character user name is a ValidationError (400) in AWS's words", async () => {
    const err = await expectRefusal(
      iamClient(server.url, ROOT_KEY).send(new CreateUserCommand({ UserName: "u".repeat(65) })),
    );
    assert.equal(err.code, "ValidationError");
    assert.equal(err.status, 400);
    assert.match(
      err.message,
      /^1 validation error detected: Value '.+' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    );
  });

  test("an unknown action is InvalidAction (400)", async () => {
    const res = await signedQuery(server.url, ROOT_KEY, "iam", {
      Action: "MakeMeAdmin",
      Version: "2010-05-08",
    });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), "InvalidAction");
  });

  test("a missing required parameter is refused with 400", async () => {
    const res = await signedQuery(server.url, ROOT_KEY, "iam", {
      Action: "CreateUser",
      Version: "2010-05-08",
    });
    assert.equal(res.status, 400);
    assert.match(res.body, /userName/);
    assert.ok(["ValidationError", "MissingParameter"].includes(errorCode(res.body) ?? ""));
  });

  test("an operation without a handler yet is NotImplemented (501), naming it", async () => {
    const res = await signedQuery(server.url, ROOT_KEY, "iam", {
      Action: "ListServerCertificates",
      Version: "2010-05-08",
    });
    assert.equal(res.status, 501);
    assert.equal(errorCode(res.body), "NotImplemented");
    assert.match(res.body, /ListServerCertificates/);
  });
});

describe("users and keys", () => {
  test("users: create, get, tag, rename, list with pagination, delete", async () => {
    const iam = iamClient(server.url, ROOT_KEY);
    await iam.send(
      new CreateUserCommand({ UserName: "dave", Path: "/eng/", Tags: [{ Key: "team", Value: "blue" }] }),
    );
    const dup = await expectRefusal(iam.send(new CreateUserCommand({ UserName: "DAVE" })));
    assert.equal(dup.code, "EntityAlreadyExists");
    assert.equal(dup.status, 409);

    const got = await iam.send(new GetUserCommand({ UserName: "dave" }));
    assert.equal(got.User?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/eng/dave`);
    assert.deepEqual(got.User?.Tags, [{ Key: "team", Value: "blue" }]);

    await iam.send(
      new TagUserCommand({
        UserName: "dave",
        Tags: [
          { Key: "TEAM", Value: "green" },
          { Key: "cost", Value: "1" },
        ],
      }),
    );
    const tags = await iam.send(new ListUserTagsCommand({ UserName: "dave" }));
    assert.deepEqual(tags.Tags, [
      { Key: "TEAM", Value: "green" },
      { Key: "cost", Value: "1" },
    ]);
    await iam.send(new UntagUserCommand({ UserName: "dave", TagKeys: ["team"] }));
    const left = await iam.send(new ListUserTagsCommand({ UserName: "dave" }));
    assert.deepEqual(left.Tags, [{ Key: "cost", Value: "1" }]);

    await iam.send(new UpdateUserCommand({ UserName: "dave", NewUserName: "david", NewPath: "/ops/" }));
    const renamed = await iam.send(new GetUserCommand({ UserName: "david" }));
    assert.equal(renamed.User?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/ops/david`);
    const gone = await expectRefusal(iam.send(new GetUserCommand({ UserName: "dave" })));
    assert.equal(gone.code, "NoSuchEntity");
    assert.equal(gone.status, 404);

    for (const n of ["p1", "p2", "p3"])
      await iam.send(new CreateUserCommand({ UserName: n, Path: "/page/" }));
    const first = await iam.send(new ListUsersCommand({ PathPrefix: "/page/", MaxItems: 2 }));
    assert.deepEqual(
      first.Users?.map((u) => u.UserName),
      ["p1", "p2"],
    );
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(
      new ListUsersCommand({ PathPrefix: "/page/", MaxItems: 2, Marker: first.Marker }),
    );
    assert.deepEqual(
      second.Users?.map((u) => u.UserName),
      ["p3"],
    );
    assert.equal(second.IsTruncated, false);

    await iam.send(new DeleteUserCommand({ UserName: "david" }));
    assert.equal(
      (await expectRefusal(iam.send(new GetUserCommand({ UserName: "david" })))).code,
      "NoSuchEntity",
    );
  });

  test("a user with keys cannot be deleted; a third key is over the limit", async () => {
    const iam = iamClient(server.url, ROOT_KEY);
    const creds = await createUserWithKey(server.url, "erin");
    await iam.send(new CreateAccessKeyCommand({ UserName: "erin" }));
    const third = await expectRefusal(iam.send(new CreateAccessKeyCommand({ UserName: "erin" })));
    assert.equal(third.code, "LimitExceeded");
    assert.equal(third.status, 409);

    const conflict = await expectRefusal(iam.send(new DeleteUserCommand({ UserName: "erin" })));
    assert.equal(conflict.code, "DeleteConflict");
    assert.equal(conflict.status, 409);

    const keys = await iam.send(new ListAccessKeysCommand({ UserName: "erin" }));
    assert.equal(keys.AccessKeyMetadata?.length, 2);
    assert.ok(keys.AccessKeyMetadata?.every((k) => !("SecretAccessKey" in k)));
    for (const k of keys.AccessKeyMetadata ?? []) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: "erin", AccessKeyId: k.AccessKeyId }));
    }
    const deletedKey = await expectRefusal(
      stsClient(server.url, creds).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(deletedKey.code, "InvalidClientTokenId");
    await iam.send(new DeleteUserCommand({ UserName: "erin" }));
  });

  test("GetAccessKeyLastUsed reports real use", async () => {
    const creds = await createUserWithKey(server.url, "frank");
    const iam = iamClient(server.url, ROOT_KEY);
    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: creds.accessKeyId }));
    assert.equal(before.AccessKeyLastUsed?.LastUsedDate, undefined);
    assert.equal(before.AccessKeyLastUsed?.ServiceName, "N/A");
    await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    // Uses are flushed in batches once a second.
    await new Promise((r) => setTimeout(r, 1300));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: creds.accessKeyId }));
    assert.equal(used.UserName, "frank");
    assert.equal(used.AccessKeyLastUsed?.ServiceName, "sts");
    assert.equal(used.AccessKeyLastUsed?.Region, "us-east-1");
    assert.ok(used.AccessKeyLastUsed?.LastUsedDate instanceof Date);
  });
});

describe("authorization before the policy engine", () => {
  test("a user is denied IAM calls with AWS's AccessDenied message, but may call GetCallerIdentity", async () => {
    const creds = await createUserWithKey(server.url, "grace");
    const err = await expectRefusal(
      iamClient(server.url, creds).send(new CreateUserCommand({ UserName: "mallory" })),
    );
    assert.equal(err.code, "AccessDenied");
    assert.equal(err.status, 403);
    assert.equal(
      err.message,
      `User: arn:aws:iam::${TEST_ACCOUNT_ID}:user/grace is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${TEST_ACCOUNT_ID}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
    );
    const own = await expectRefusal(iamClient(server.url, creds).send(new ListUsersCommand({})));
    assert.equal(own.code, "AccessDenied");
    const me = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/grace`);
  });
});

describe("persistence, sealing and audit", () => {
  test("data survives a restart; no secret is in clear in the database file; the audit trail is complete", async () => {
    const creds = await createUserWithKey(server.url, "heidi");
    server = await server.restart();
    const out = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/heidi`);
    await server.stop();

    const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith(DATABASE_FILE));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(server.dataDir, f))));
    assert.ok(bytes.includes(Buffer.from(creds.accessKeyId)), "the key id itself is stored");
    assert.ok(!bytes.includes(Buffer.from(creds.secretAccessKey)), "a user's secret must not be in clear");
    assert.ok(!bytes.includes(Buffer.from(ROOT_KEY.secretAccessKey)), "root's secret must not be in clear");

    server = await server.restart();
    const records = await server.server.data.store.audit.query({});
    const create = records.find((r) => r.eventName === "CreateAccessKey" && r.responseElements);
    assert.ok(create, "CreateAccessKey is audited");
    assert.equal(
      (create.responseElements as { accessKey: { secretAccessKey: string } }).accessKey.secretAccessKey,
      "HIDDEN_DUE_TO_SECURITY_REASONS",
    );
    assert.equal(create.userIdentity.arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:root`);
    assert.equal(create.eventSource, "iam.amazonaws.com");
    const denied = records.find((r) => r.errorCode === "AccessDenied");
    assert.ok(denied, "refused requests are audited");
    const unauthenticated = records.find((r) => r.errorCode === "InvalidClientTokenId");
    assert.ok(unauthenticated, "authentication failures are audited");
    assert.equal(unauthenticated.userIdentity.type, "Unknown");
    assert.ok(!JSON.stringify(records).includes(creds.secretAccessKey), "no secret in the audit trail");
  });
});
