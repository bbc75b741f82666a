// Drives Debian's wrk (pinned to the second core) through a Lua script whose `request()` cycles
// through a pool of pre-signed requests, and reads wrk's own figures back as JSON from `done()`.
// Falls back to our keep-alive client (runLoad.ts, pinned the same way) where wrk is missing.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hasCommand, pinned } from "./benchTargets.ts";
import type { PreparedRequest } from "./signedPool.ts";
import { rawRequest } from "./signedPool.ts";

export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  non2xx: number;
  socketErrors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export const LOAD_GENERATOR = hasCommand("wrk") ? "wrk" : "in-repo keep-alive client";

const luaString = (s: string) =>
  `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r/g, "\\r").replace(/\n/g, "\\n")}"`;

function luaScript(target: URL, pool: readonly PreparedRequest[], out: string): string {
  return `local pool = {
${pool.map((r) => `  ${luaString(rawRequest(target, r))},`).join("\n")}
}
local i = 0
request = function()
  i = i + 1
  if i > #pool then i = 1 end
  return pool[i]
end
done = function(summary, latency, requests)
  local f = io.open(${luaString(out)}, "w")
  local e = summary.errors
  f:write(string.format('{"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
  f:close()
end
`;
}

async function runWrk(url: string, pool: readonly PreparedRequest[], connections: number, seconds: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-wrk-"));
  const script = path.join(dir, "pool.lua");
  const out = path.join(dir, "result.json");
  fs.writeFileSync(script, luaScript(new URL(url), pool, out));
  const argv = pinned(1, [
    "wrk",
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--timeout",
    "5s",
    "-s",
    script,
    url,
  ]);
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "ignore", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`wrk exited with ${code}`);
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(dir, { recursive: true, force: true });
  const secs = r.durationUs / 1e6;
  return {
    requests: r.requests,
    seconds: secs,
    perSecond: r.requests / secs,
    non2xx: r.non2xx,
    socketErrors: r.socketErrors,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    maxMs: r.maxUs / 1000,
  };
}

/** The in-repo client in a child process pinned to the second core, as wrk would be. */
async function runFallback(
  url: string,
  pool: readonly PreparedRequest[],
  connections: number,
  seconds: number,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-load-"));
  const input = path.join(dir, "pool.json");
  fs.writeFileSync(input, JSON.stringify({ url, pool, connections, seconds }));
  const argv = pinned(1, [
    process.execPath,
    "--import",
    "tsx",
    path.join(import.meta.dirname, "runLoad.ts"),
    input,
  ]);
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`load client exited with ${code}`);
  return JSON.parse(stdout) as LoadFigures;
}

export function runLoadGenerator(
  url: string,
  pool: readonly PreparedRequest[],
  options: { connections: number; seconds: number },
): Promise<LoadFigures> {
  return LOAD_GENERATOR === "wrk"
    ? runWrk(url, pool, options.connections, options.seconds)
    : runFallback(url, pool, options.connections, options.seconds);
}
