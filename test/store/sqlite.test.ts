// The store suite on the embedded SQLite adapter, each test on a fresh file.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";
import { runStoreSuite } from "./runStoreSuite.ts";

runStoreSuite("sqlite", () =>
  openSqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-store-")), "store.sqlite")),
);
