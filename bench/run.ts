// `npm run bench`: every benchmark in turn, each printing its figure beside a baseline measured in
// the same run. Never part of `npm test`. `npm run bench -- NAME` runs the benchmarks whose file
// name contains NAME; the 10-minute soak runs only when asked for (`npm run bench -- soak`).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (only ? f.includes(only) : !f.startsWith("soak")))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
