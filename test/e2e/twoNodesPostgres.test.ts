// End-to-end: two Portcullis nodes on one PostgreSQL, started together (one migrates, one
// bootstraps), each with its own data folder and the same master key, driven by the AWS SDK v3.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { openDataFolder } from "../../src/server/openDataFolder.ts";
import { consoleSessionOnAServedOnB } from "../support/consoleHttp.ts";
import {
  deactivatedOnARefusedOnB,
  detachedOnADeniesOnB,
  eventually,
  oneCodeAcceptedOnce,
  racingWrongCodesAllCount,
  type TwoDoors,
  twentyEnablesLeaveEight,
} from "../support/sharedStoreScenarios.ts";
import { startTestServer, type TestServer } from "../support/startTestServer.ts";
import { postgresForSuites } from "../support/throwawayPostgres.ts";

const { cluster, skip } = await postgresForSuites();
const BOUND_MS = 1000;
const MASTER_KEY = "ab".repeat(32);

describe("two nodes on one PostgreSQL", { skip }, () => {
  let url: string;
  let nodes: TestServer[];
  let doors: TwoDoors;

  before(async () => {
    url = await cluster.createDatabase();
    const node = () =>
      startTestServer({
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-node-")),
        config: { databaseUrl: url, masterKey: MASTER_KEY, stalenessBoundMs: BOUND_MS },
      });
    nodes = await Promise.all([node(), node()]);
    doors = { a: nodes[0]?.url as string, b: nodes[1]?.url as string };
  });

  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await cluster.stop();
  });

  test("both nodes started together on one schema and one root key", async () => {
    for (const n of nodes) {
      const health = (await (await fetch(`${n.url}/health`)).json()) as { store: string };
      assert.equal(health.store, "postgres");
    }
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const keys = await db.query("select count(*)::int as n from access_keys where user_id is null");
      assert.equal(keys.rows[0].n, 1);
    } finally {
      await db.end();
    }
  });

  test("two nodes bootstrapping one empty database together, with no root key given, make one", async () => {
    const empty = await cluster.createDatabase();
    const open = () =>
      openDataFolder({
        host: "127.0.0.1",
        port: 0,
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-boot-")),
        databaseUrl: empty,
        masterKey: MASTER_KEY,
        accountId: "444455556666",
        logLevel: "silent",
      });
    const folders = await Promise.all([open(), open(), open()]);
    try {
      assert.equal(folders.filter((f) => f.generatedRootCredentials).length, 1, "one node made the key");
      for (const f of folders) assert.equal((await f.store.accessKeys.listForRoot("444455556666")).length, 1);
    } finally {
      await Promise.all(folders.map((f) => f.store.close()));
    }
  });

  test("a policy detached on A denies on B within the bound", async () => {
    const took = await detachedOnADeniesOnB(doors, BOUND_MS, "detached");
    assert.ok(took <= BOUND_MS, `took ${took} ms`);
  });

  test("an access key deactivated on A is refused on B within the bound", async () => {
    const took = await deactivatedOnARefusedOnB(doors, BOUND_MS, "deactivated");
    assert.ok(took <= BOUND_MS, `took ${took} ms`);
  });

  test("20 EnableMFADevice split across both nodes leave exactly 8 devices", () =>
    twentyEnablesLeaveEight(doors, "many"));

  test("five wrong MFA codes racing across both nodes are all counted", () =>
    racingWrongCodesAllCount(doors, "guesser"));

  test("one TOTP code sent to both nodes at once is accepted once", () => oneCodeAcceptedOnce(doors, "otp"));

  test("a console session signed in on A is served on B, and signed out on B ends it on both", () =>
    consoleSessionOnAServedOnB(doors, "console-roamer"));

  test("a node whose notification connection drops reads the log before every request, and again before it trusts pushes", async () => {
    // The database refuses new connections (the pools' open ones go on), so a dropped LISTEN
    // connection stays down for as long as the test needs, not only until its next reconnect.
    const database = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    const pushing = async () =>
      ((await (await fetch(`${doors.b}/health`)).json()) as { pushedChanges: boolean }).pushedChanges;
    const allowConnections = (allow: boolean) =>
      admin.query(`alter database ${database} allow_connections ${allow}`);
    try {
      const took = await detachedOnADeniesOnB(doors, 0, "unpushed", {
        async beforeDetach() {
          await allowConnections(false);
          await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%'",
            [database],
          );
          await eventually(5000, async () => !(await pushing()));
        },
        async afterDenied({ reattach, allowedOnB }) {
          assert.equal(await pushing(), false, "the channel was still down while B served");
          // A change B is never told of, just after B's last read: once B listens again, it must
          // read the log before relying on pushes, or it would serve the detachment for a while.
          await reattach();
          await allowConnections(true);
          await eventually(5000, pushing, 0);
          assert.equal(await allowedOnB(), true, "B read the log when it reconnected");
        },
      });
      // No push could come: B read the log itself, at its very next request.
      assert.equal(took, 0);
    } finally {
      await allowConnections(true);
      await admin.end();
    }
  });
});
