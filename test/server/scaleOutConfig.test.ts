// The scale-out settings as `serve` resolves them: --workers (default: one per core) and
// --database / PORTCULLIS_DATABASE_URL (only PostgreSQL URLs), flags beating the environment.

import assert from "node:assert/strict";
import os from "node:os";
import { test } from "node:test";
import { ConfigError, resolveServerConfig } from "../../src/server/ServerConfig.ts";

test("--workers defaults to the number of cores; the flag beats PORTCULLIS_WORKERS", () => {
  assert.equal(resolveServerConfig({}, {}).workers, os.availableParallelism());
  assert.equal(resolveServerConfig({}, { PORTCULLIS_WORKERS: "3" }).workers, 3);
  assert.equal(resolveServerConfig({ workers: "2" }, { PORTCULLIS_WORKERS: "3" }).workers, 2);
  for (const bad of ["0", "two", "-1", "1000"]) {
    assert.throws(() => resolveServerConfig({ workers: bad }, {}), ConfigError, bad);
  }
});

test("--database takes a postgres:// URL, else PORTCULLIS_DATABASE_URL; absent means SQLite", () => {
  const url = "postgres://portcullis@db.internal/portcullis";
  assert.equal(resolveServerConfig({}, {}).databaseUrl, undefined);
  assert.equal(resolveServerConfig({}, { PORTCULLIS_DATABASE_URL: url }).databaseUrl, url);
  assert.equal(
    resolveServerConfig({ database: "postgresql://other/db" }, { PORTCULLIS_DATABASE_URL: url }).databaseUrl,
    "postgresql://other/db",
  );
  assert.throws(() => resolveServerConfig({ database: "mysql://db/x" }, {}), /give a postgres:\/\/ URL/);
});
