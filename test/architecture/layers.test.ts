// The layers of DESIGN.md, checked: every import in src/ points down the table, and the pure
// layers (policy, protocol, auth, generated) do no I/O. A wrong-way import fails here, naming the
// file and the import.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";

const SRC = resolve(import.meta.dirname, "..", "..", "src");

/** Which of our folders each layer may import (itself always allowed). */
const MAY_IMPORT: Record<string, string[]> = {
  cli: [
    "console",
    "server",
    "operations",
    "analyzer",
    "authorization",
    "audit",
    "auth",
    "store",
    "domain",
    "protocol",
    "generated",
    "policy",
  ],
  console: ["server", "auth", "domain"],
  server: [
    "operations",
    "analyzer",
    "authorization",
    "audit",
    "auth",
    "store",
    "domain",
    "protocol",
    "generated",
    "policy",
  ],
  operations: [
    "analyzer",
    "authorization",
    "audit",
    "auth",
    "store",
    "domain",
    "protocol",
    "generated",
    "policy",
  ],
  analyzer: ["authorization", "policy", "domain", "generated"],
  authorization: ["policy", "domain", "generated"],
  audit: ["store", "domain", "generated"],
  auth: ["domain", "generated"],
  store: ["domain", "generated"],
  domain: ["generated"],
  protocol: ["generated"],
  generated: [],
  policy: [],
};

/**
 * The one upward import: the composition root mounts the web console on its port. The console
 * stays a client of the server's public API; nothing else in server/ may reach it.
 */
const MOUNTS = new Set(["server/createServer.ts → console"]);

const PURE = new Set(["policy", "protocol", "auth", "authorization", "analyzer", "generated", "domain"]);
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$|^(better-sqlite3|pg|kysely|fastify|pino)$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g))
    specs.push(m[1] as string);
  for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) specs.push(m[1] as string);
  return specs;
}

const layerOf = (file: string) => relative(SRC, file).split("/")[0] as string;

test("every import in src/ points down the layer table", () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    const allowed = MAY_IMPORT[from];
    assert.ok(allowed, `src/${from} is not a layer DESIGN.md knows`);
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const to = layerOf(resolve(file, "..", spec));
      if (to !== from && !allowed.includes(to) && !MOUNTS.has(`${relative(SRC, file)} → ${to}`))
        wrong.push(`${relative(SRC, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("the pure layers do no I/O", () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (!PURE.has(layerOf(file))) continue;
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (IO_MODULES.test(spec)) wrong.push(`${relative(SRC, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("the checker itself sees a wrong-way import", () => {
  const specs = importsOf('import { x } from "../server/createServer.ts";\nexport { y } from "./y.ts";');
  assert.deepEqual(specs, ["../server/createServer.ts", "./y.ts"]);
});
