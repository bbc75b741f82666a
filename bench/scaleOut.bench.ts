// Scale-out, measured in one run: signed, policy-authorized IAM reads (GetUser by a user whose
// permission comes from an attached managed policy) against `serve --workers 1` and `--workers 2`
// on SQLite, then one node against two nodes on one throwaway PostgreSQL. Servers run as
// `npm start` builds them (the esbuild bundle under plain node), each in its own processes; the
// load is split evenly over the front doors. Prints req/s and p99 for each.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { startThrowawayPostgres } from "../test/support/throwawayPostgres.ts";
import { runLoad } from "./support/runLoad.ts";
import type { LoadFigures as LoadResult } from "./support/runWrk.ts";
import type { PreparedRequest } from "./support/signedPool.ts";
import { signQuery } from "./support/signQuery.ts";

const ROOT = {
  accessKeyId: "AKIABENCHBENCHBENCH0",
  secretAccessKey: "bench-secret-0123456789abcdefghijklmnopq",
};
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROOT_DIR = path.join(import.meta.dirname, "..");
const BUNDLE = path.join(ROOT_DIR, "dist", "portcullis.mjs");

interface Door {
  url: string;
  child: ChildProcess;
}

function startNode(args: string[], env: Record<string, string>): Promise<Door> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-scale-"));
  const child = spawn(
    process.execPath,
    [BUNDLE, "serve", "--port", "0", "--data", dataDir, "--log-level", "warn", ...args],
    {
      env: {
        ...process.env,
        PORTCULLIS_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
        PORTCULLIS_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
        PORTCULLIS_MASTER_KEY: "cd".repeat(32),
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function stopAll(doors: readonly Door[]): Promise<void> {
  await Promise.all(
    doors.map(
      (d) =>
        new Promise<void>((resolve) => {
          d.child.removeAllListeners("exit");
          d.child.on("exit", () => resolve());
          d.child.kill("SIGTERM");
        }),
    ),
  );
}

/** A user allowed to read IAM by an attached managed policy, and its key. */
async function reader(url: string) {
  const iam = new IAMClient({ endpoint: url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
  await iam.send(new CreateUserCommand({ UserName: "bench" }));
  await iam.send(
    new AttachUserPolicyCommand({
      UserName: "bench",
      PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "bench" }));
  return { accessKeyId: AccessKey?.AccessKeyId ?? "", secretAccessKey: AccessKey?.SecretAccessKey ?? "" };
}

function signedGetUser(url: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  return signQuery(url, credentials, "iam", "Action=GetUser&Version=2010-05-08&UserName=bench");
}

/** The same load split over every door; totals and the worst door's p99. */
async function measure(doors: readonly Door[]): Promise<LoadResult> {
  const key = await reader(doors[0]?.url as string);
  const requests = await Promise.all(doors.map((d) => signedGetUser(d.url, key)));
  const share = Math.max(1, Math.floor(CONNECTIONS / doors.length));
  const load = (seconds: number) =>
    Promise.all(
      doors.map((d, i) => runLoad(d.url, [requests[i] as PreparedRequest], { connections: share, seconds })),
    );
  await load(2); // warm-up: JIT, caches
  const results = await load(SECONDS);
  const total = results.reduce((sum, r) => sum + r.requests, 0);
  const non2xx = results.reduce((sum, r) => sum + r.non2xx, 0);
  if (non2xx > 0) throw new Error(`${non2xx} answers were not 200: the benchmark is broken`);
  return {
    requests: total,
    seconds: SECONDS,
    perSecond: results.reduce((sum, r) => sum + r.perSecond, 0),
    non2xx,
    socketErrors: results.reduce((sum, r) => sum + r.socketErrors, 0),
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    maxMs: Math.max(...results.map((r) => r.maxMs)),
  };
}

const line = (label: string, r: LoadResult) =>
  `  ${label.padEnd(34)} ${String(Math.round(r.perSecond)).padStart(6)} req/s  p99 ${r.p99Ms.toFixed(1)} ms`;

async function run(label: string, start: () => Promise<Door[]>): Promise<string> {
  const doors = await start();
  try {
    return line(label, await measure(doors));
  } finally {
    await stopAll(doors);
  }
}

export async function benchScaleOut(): Promise<void> {
  const built = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT_DIR, stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
  const lines = [
    `GetUser (SigV4 + attached managed policy, loopback, ${CONNECTIONS} connections, ${SECONDS}s):`,
  ];
  lines.push(await run("SQLite, --workers 1", async () => [await startNode(["--workers", "1"], {})]));
  lines.push(await run("SQLite, --workers 2", async () => [await startNode(["--workers", "2"], {})]));
  const cluster = await startThrowawayPostgres();
  if (!cluster) {
    lines.push("  PostgreSQL: skipped, no PostgreSQL could be started on this machine");
  } else {
    try {
      const oneUrl = await cluster.createDatabase();
      lines.push(
        await run("PostgreSQL, one node", async () => [
          await startNode(["--workers", "1", "--database", oneUrl], {}),
        ]),
      );
      const twoUrl = await cluster.createDatabase();
      lines.push(
        await run("PostgreSQL, two nodes", async () => {
          const first = await startNode(["--workers", "1", "--database", twoUrl], {});
          return [first, await startNode(["--workers", "1", "--database", twoUrl], {})];
        }),
      );
    } finally {
      await cluster.stop();
    }
  }
  console.log(lines.join("\n"));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchScaleOut();
