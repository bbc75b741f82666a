// End-to-end: a console session made through one worker of `portcullis serve --workers 2` (one
// SQLite data folder, no sticky routing: one connection per request, node:cluster's round robin)
// is honoured by the other, and a sign-out through either ends it on both.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateLoginProfileCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { ConsoleHttpClient } from "../support/consoleHttp.ts";
import { healthPid, type Running, serveTestWorkers, stop } from "../support/serveProcess.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Workers-Pa55!";

describe("console sessions across serve --workers 2", () => {
  let running: Running;

  before(async () => {
    running = await serveTestWorkers(2, "portcullis-console-workers-");
    const iam = iamClient(running.url, ROOT_KEY);
    await iam.send(new CreateUserCommand({ UserName: "wanderer" }));
    await iam.send(new CreateLoginProfileCommand({ UserName: "wanderer", Password: PASSWORD }));
  });

  after(async () => {
    assert.equal(await stop(running), 0);
  });

  test("a session signed in through one worker is served by both, and signed out through either", async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 4; i++) pids.add(await healthPid(running.url));
    assert.equal(pids.size, 2, "both workers take connections in turn");

    const client = new ConsoleHttpClient(running.url);
    const signedIn = await client.signIn(TEST_ACCOUNT_ID, "wanderer", PASSWORD);
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, "/console/home");
    // With sessions in one process's memory about half of these would land on the worker that
    // never saw the sign-in and be sent back to it.
    for (let i = 0; i < 8; i++) {
      const home = await client.get("/console/home");
      assert.equal(home.status, 200, `request ${i} is served as signed in`);
      assert.match(home.body, /arn:aws:iam::111122223333:user\/wanderer/);
    }

    const out = await client.post("/console/signout", {});
    assert.equal(out.status, 303);
    assert.equal(client.cookie, undefined, "the cookie is cleared");
  });

  test("an old session cookie replayed after sign-out is refused by every worker", async () => {
    const client = new ConsoleHttpClient(running.url);
    await client.signIn(TEST_ACCOUNT_ID, "wanderer", PASSWORD);
    const cookie = client.cookie;
    assert.ok(cookie);
    await client.get("/console/home");
    await client.post("/console/signout", {});
    for (let i = 0; i < 4; i++) {
      const replay = new ConsoleHttpClient(running.url);
      replay.cookie = cookie;
      const home = await replay.get("/console/home");
      assert.equal(home.status, 303, `attempt ${i}`);
      assert.equal(home.location, "/console/signin");
    }
  });
});
