// End-to-end: a console session made through one worker of `portcullis serve --workers 2` (one
// SQLite data folder, no sticky routing: one connection per request, node:cluster's round robin)
// is honoured by the other, and a sign-out through either ends it on both.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { consoleSessionOnAServedOnB } from "../support/consoleHttp.ts";
import { healthPid, type Running, serveTestWorkers, stop } from "../support/serveProcess.ts";

describe("console sessions across serve --workers 2", () => {
  let running: Running;

  before(async () => {
    running = await serveTestWorkers(2, "portcullis-console-workers-");
  });

  after(async () => {
    assert.equal(await stop(running), 0);
  });

  test("a session signed in through one worker is served by both, and signed out through either", async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 4; i++) pids.add(await healthPid(running.url));
    assert.equal(pids.size, 2, "both workers take connections in turn");
    await consoleSessionOnAServedOnB({ a: running.url, b: running.url }, "wanderer");
  });
});
