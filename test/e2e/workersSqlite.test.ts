// End-to-end: `portcullis serve --workers 2` on one SQLite data folder, driven by the AWS SDK v3
// with a connection per request, so node:cluster hands consecutive requests to different workers.

import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { healthPid, type Running, serveTestWorkers, stop } from "../support/serveProcess.ts";
import {
  deactivatedOnARefusedOnB,
  detachedOnADeniesOnB,
  oneCodeAcceptedOnce,
  racingWrongCodesAllCount,
  type TwoDoors,
  twentyEnablesLeaveEight,
  useClientOptions,
} from "../support/sharedStoreScenarios.ts";

/** SQLite workers read the log before every request: nothing committed earlier is missed. */
const BOUND_MS = 0;

describe("serve --workers 2 on SQLite", () => {
  let running: Running;
  let doors: TwoDoors;

  before(async () => {
    running = await serveTestWorkers(2, "portcullis-workers-");
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

  test("five wrong MFA codes racing across the workers are all counted", () =>
    racingWrongCodesAllCount(doors, "guesser"));

  test("one TOTP code sent to both workers at once is accepted once", () =>
    oneCodeAcceptedOnce(doors, "otp"));
});
