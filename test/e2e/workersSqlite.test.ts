// End-to-end: `portcullis serve --workers 2` on one SQLite data folder, driven by the AWS SDK v3
// with a connection per request, so node:cluster hands consecutive requests to different workers.

import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { type Running, serve, stop } from "../support/serveProcess.ts";
import {
  deactivatedOnARefusedOnB,
  detachedOnADeniesOnB,
  oneCodeAcceptedOnce,
  type TwoDoors,
  twentyEnablesLeaveEight,
  useClientOptions,
} from "../support/sharedStoreScenarios.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

/** SQLite workers read the log before every request: nothing committed earlier is missed. */
const BOUND_MS = 0;

function healthPid(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/health`, { agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString();
        });
        res.on("end", () => resolve((JSON.parse(body) as { pid: number }).pid));
      })
      .on("error", reject);
  });
}

describe("serve --workers 2 on SQLite", () => {
  let running: Running;
  let doors: TwoDoors;

  before(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-workers-"));
    running = await serve(
      dataDir,
      {
        PORTCULLIS_ACCOUNT_ID: TEST_ACCOUNT_ID,
        PORTCULLIS_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
        PORTCULLIS_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
      },
      ["--workers", "2"],
    );
    doors = { a: running.url, b: running.url };
    useClientOptions({ requestHandler: { httpAgent: new http.Agent({ keepAlive: false }) } });
  });

  after(async () => {
    assert.equal(await stop(running), 0, "SIGTERM stops every worker, then the first process");
  });

  test("two workers answer on the one port", async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 6; i++) pids.add(await healthPid(running.url));
    assert.equal(pids.size, 2);
    assert.match(running.output(), /listening on http:\/\/127\.0\.0\.1:\d+ \(2 workers\)/);
  });

  test("a policy detached through one worker denies on the other at once", async () => {
    // The very first request after the change is denied, whichever worker it lands on.
    assert.equal(await detachedOnADeniesOnB(doors, BOUND_MS, "detached"), 0);
  });

  test("an access key deactivated through one worker is refused on the other at once", async () => {
    assert.equal(await deactivatedOnARefusedOnB(doors, BOUND_MS, "deactivated"), 0);
  });

  test("20 EnableMFADevice racing across the workers leave exactly 8 devices", () =>
    twentyEnablesLeaveEight(doors, "many"));

  test("one TOTP code sent to both workers at once is accepted once", () =>
    oneCodeAcceptedOnce(doors, "otp"));
});
