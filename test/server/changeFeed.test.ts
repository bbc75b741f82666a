// The change feed over the real PostgreSQL store, with the feed's clock in the test's hands: with
// pushes up, a change whose notification never came (a row written without NOTIFY) is read at the
// first request once the staleness bound has passed, never later; a notified change is read with
// no request at all; a number taken early but committed late is still read.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import type { ChangedEntity } from "../../src/domain/ChangedEntity.ts";
import { ChangeFeed } from "../../src/server/ChangeFeed.ts";
import type { Store } from "../../src/store/ports.ts";
import { openPostgresStore } from "../../src/store/postgres/openPostgresStore.ts";
import { eventually } from "../support/sharedStoreScenarios.ts";
import { postgresForSuites } from "../support/throwawayPostgres.ts";

const { cluster, skip } = await postgresForSuites();
const BOUND_MS = 1000;

describe("change feed on PostgreSQL", { skip }, () => {
  let url: string;
  let store: Store;
  let raw: pg.Client;
  let feed: ChangeFeed;
  let now = 1_000_000;
  const seen: string[] = [];
  /** A log row written as another node would, but with its notification lost. */
  const unnotified = (id: string, client = raw) =>
    client.query("insert into change_log (change_time, entities) values ($1, $2)", [
      new Date().toISOString(),
      JSON.stringify([{ kind: "user", id }] satisfies ChangedEntity[]),
    ]);

  before(async () => {
    url = await cluster.createDatabase();
    store = await openPostgresStore(url);
    raw = new pg.Client({ connectionString: url });
    await raw.connect();
    feed = new ChangeFeed(store, (changed) => seen.push(...changed.map((c) => c.id)), {
      stalenessBoundMs: BOUND_MS,
      clock: () => now,
    });
    await feed.start();
    await eventually(5000, async () => feed.pushing);
  });

  after(async () => {
    await feed.stop();
    await raw.end();
    await store.close();
    await cluster.stop();
  });

  test("an unnotified change is served stale only within the bound, and read at the first request after it", async () => {
    await feed.catchUp(); // the last read is now
    await unnotified("U-lost");
    now += BOUND_MS - 1;
    assert.equal(feed.beforeRequest(), undefined, "within the bound the last read is relied on");
    assert.deepEqual(seen, []);
    now += 1;
    await feed.beforeRequest();
    assert.deepEqual(seen, ["U-lost"]);
    assert.equal(feed.beforeRequest(), undefined, "and that read restarts the bound");
  });

  test("a notified change is read without any request", async () => {
    seen.length = 0;
    await store.transaction((tx) => tx.changeLog.append([{ kind: "user", id: "U-pushed" }], new Date()));
    await eventually(5000, async () => seen.includes("U-pushed"));
  });

  test("a number taken before a later one but committed after it is still read", async () => {
    seen.length = 0;
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query("begin");
      await unnotified("U-early", slow); // takes its number now
      await unnotified("U-late");
      await feed.catchUp();
      assert.deepEqual(seen, ["U-late"]);
      await slow.query("commit");
      await feed.catchUp();
      assert.deepEqual(seen, ["U-late", "U-early"]);
    } finally {
      await slow.end();
    }
  });
});
