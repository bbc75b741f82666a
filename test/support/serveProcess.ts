// `portcullis serve` in its own process, for tests that need the server's event loop apart from
// the test's (timing), or a real process (signals, exit codes).

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "./startTestServer.ts";

export const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "portcullis.mjs");

export interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

export function serve(
  dataDir: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<Running> {
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--data", dataDir, "--log-level", "warn", ...args],
    {
      // One process unless a test asks for workers (`--workers` beats the environment): the
      // default, a worker per core, would only slow the start of tests about something else.
      env: { ...process.env, PORTCULLIS_WORKERS: "1", ...env },
    },
  );
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], output: () => out });
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code} before listening: ${out}`)));
  });
}

export function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners("exit");
    running.child.on("exit", (code) => resolve(code));
    running.child.kill("SIGTERM");
  });
}

/** Which process answered /health, on a connection of its own (so workers take turns). */
export function healthPid(url: string): Promise<number> {
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

/** `serve --workers N` on a fresh data folder, with the test account and its root key. */
export function serveTestWorkers(workers: number, folderPrefix: string): Promise<Running> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  return serve(
    dataDir,
    {
      PORTCULLIS_ACCOUNT_ID: TEST_ACCOUNT_ID,
      PORTCULLIS_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      PORTCULLIS_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
    },
    ["--workers", String(workers)],
  );
}
