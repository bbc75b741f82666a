// `portcullis serve` in its own process, for tests that need the server's event loop apart from
// the test's (timing), or a real process (signals, exit codes).

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";

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
