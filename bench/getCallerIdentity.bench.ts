// Throughput of SigV4-authenticated GetCallerIdentity over loopback, beside a bare node:http server
// answering a fixed body, measured in the same run. The server runs in its own process, built the
// way `npm start` builds it (one esbuild bundle run by plain node, not through tsx); this process
// replays one signed request (valid for the 15-minute skew window) as fast as answers come.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { build } from "esbuild";
import { runLoad } from "./support/runLoad.ts";
import { signQuery } from "./support/signQuery.ts";

const ACCESS_KEY_ID = "AKIABENCHBENCHBENCH0";
const SECRET = "bench-secret-0123456789abcdefghijklmnopq";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const BUNDLE = path.join(import.meta.dirname, "..", "dist", "bench-server.mjs");

async function buildBenchServer(): Promise<void> {
  await build({
    entryPoints: [path.join(import.meta.dirname, "support/startBenchServer.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile: BUNDLE,
    logLevel: "warning",
  });
}

async function startChild(kind: "bare" | "portcullis"): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BUNDLE, kind], {
    env: { ...process.env, BENCH_ACCESS_KEY_ID: ACCESS_KEY_ID, BENCH_SECRET_ACCESS_KEY: SECRET },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  return { url: chunk.toString().trim().split("\n").at(-1) as string, child };
}

function signedGetCallerIdentity(url: string) {
  const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET };
  return signQuery(url, credentials, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
}

async function measure(kind: "bare" | "portcullis") {
  const { url, child } = await startChild(kind);
  try {
    const request = await signedGetCallerIdentity(url);
    await runLoad(url, request, { connections: CONNECTIONS, seconds: 2 }); // warm-up: JIT, caches
    return await runLoad(url, request, { connections: CONNECTIONS, seconds: SECONDS });
  } finally {
    child.kill("SIGTERM");
  }
}

export async function benchGetCallerIdentity(): Promise<void> {
  await buildBenchServer();
  const bare = await measure("bare");
  const ours = await measure("portcullis");
  if (ours.non200 > 0)
    throw new Error(`${ours.non200} Portcullis answers were not 200: the benchmark is broken`);
  const ratio = ours.perSecond / bare.perSecond;
  console.log(
    `GetCallerIdentity (SigV4, loopback, ${CONNECTIONS} connections, ${SECONDS}s): ` +
      `portcullis ${Math.round(ours.perSecond)} req/s (p99 ${ours.p99Ms.toFixed(1)} ms, max ${ours.maxMs.toFixed(0)} ms); ` +
      `bare node:http ${Math.round(bare.perSecond)} req/s (p99 ${bare.p99Ms.toFixed(1)} ms, max ${bare.maxMs.toFixed(0)} ms); ` +
      `ratio ${ratio.toFixed(2)} (target >= 0.50)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGetCallerIdentity();
