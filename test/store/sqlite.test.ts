// The store suite on the embedded SQLite adapter, each test on a fresh file; the races on two
// connections to one file, as two workers open it.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";
import { runRaceSuite } from "./runRaceSuite.ts";
import { runStoreSuite } from "./runStoreSuite.ts";

const freshFile = () =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-store-")), "store.sqlite");

runStoreSuite("sqlite", () => openSqliteStore(freshFile()));

runRaceSuite("sqlite", async () => {
  const file = freshFile();
  const first = await openSqliteStore(file);
  return [first, await openSqliteStore(file)] as const;
});
