// Issue 14, finding 5: the signature is verified over exactly the parameters the operation
// receives. A '+' is a space and %2B a plus for the signer and the operation alike, in the query
// (presigned) and the body; a parameter given twice, which has two readings, is refused.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateUserCommand } from "@aws-sdk/client-iam";
import { errorCode, iamClient, presignedUrl, signedQuery } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
  await iamClient(server.url, ROOT_KEY).send(new CreateUserCommand({ UserName: "pl+us" }));
});
after(() => server.stop());

const getUser = (userName: string | string[]) => ({
  Action: "GetUser",
  Version: "2010-05-08",
  UserName: userName,
});

test("presigned: %2B is a plus; rewriting it to '+' breaks the signature", async () => {
  const url = await presignedUrl(server.url, ROOT_KEY, "iam", getUser("pl+us"));
  assert.ok(url.includes("UserName=pl%2Bus"));
  const ok = await fetch(url);
  const okBody = await ok.text();
  assert.equal(ok.status, 200, okBody);
  assert.match(okBody, /<UserName>pl\+us<\/UserName>/);

  const rewritten = await fetch(url.replace("UserName=pl%2Bus", "UserName=pl+us"));
  assert.equal(rewritten.status, 403);
  assert.equal(errorCode(await rewritten.text()), "SignatureDoesNotMatch");
});

test("presigned: %20 and '+' are the same space for the signer and the operation", async () => {
  const url = await presignedUrl(server.url, ROOT_KEY, "iam", getUser("pl us"));
  assert.ok(url.includes("UserName=pl%20us"));
  for (const sent of [url, url.replace("UserName=pl%20us", "UserName=pl+us")]) {
    const res = await fetch(sent);
    const body = await res.text();
    // The signature holds, and the operation saw the space the signer signed.
    assert.equal(errorCode(body), "ValidationError", body);
    assert.match(body, /pl us/);
  }
});

test("presigned: a repeated parameter is refused", async () => {
  const url = await presignedUrl(server.url, ROOT_KEY, "iam", getUser(["pl+us", "other"]));
  const res = await fetch(url);
  const body = await res.text();
  assert.equal(res.status, 400, body);
  assert.equal(errorCode(body), "MalformedQueryString");
});

test("body: '+' is a space, %2B a plus, and a repeated parameter is refused", async () => {
  const base = "Action=GetUser&Version=2010-05-08";
  const plus = await signedQuery(server.url, ROOT_KEY, "iam", {}, { body: `${base}&UserName=pl%2Bus` });
  assert.equal(plus.status, 200, plus.body);
  assert.match(plus.body, /<UserName>pl\+us<\/UserName>/);
  const space = await signedQuery(server.url, ROOT_KEY, "iam", {}, { body: `${base}&UserName=pl+us` });
  assert.equal(errorCode(space.body), "ValidationError");
  assert.match(space.body, /pl us/);
  const twice = await signedQuery(
    server.url,
    ROOT_KEY,
    "iam",
    {},
    { body: `${base}&UserName=pl%2Bus&UserName=x` },
  );
  assert.equal(twice.status, 400);
  assert.equal(errorCode(twice.body), "MalformedQueryString");
});
