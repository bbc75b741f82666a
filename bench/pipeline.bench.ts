// The request pipeline without HTTP or the kernel: the server's own work per request, measured
// in-process so that a noisy, shared machine distorts it least. Signed, policy-authorized IAM
// GetUser and root-signed STS GetCallerIdentity go through `PortcullisServer.handle` (every step:
// SigV4, the change feed, authorization, the audit record, serialization), 64 in flight at once,
// beside the part no server can skip measured in the same run: parsing and verifying the same
// requests' signatures. BENCH_PROFILE=1 keeps a CPU profile of the measured phase in the data folder.

import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { parseSigV4Request } from "../src/auth/sigv4/parseSigV4Request.ts";
import { SigningKeyCache } from "../src/auth/sigv4/SigningKeyCache.ts";
import { verifySigV4 } from "../src/auth/sigv4/verifySigV4.ts";
import type { AwsRequest } from "../src/server/AwsRequestHandler.ts";
import { createServer } from "../src/server/createServer.ts";
import { ACCOUNT_ID, type BenchUser, provisionUsers, ROOT_KEY } from "./support/benchTargets.ts";
import { type PreparedRequest, signedPool } from "./support/signedPool.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/** Rounds of each measurement; the least CPU per request is kept, since noise only ever adds. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IN_FLIGHT = 64;
const POOL_SIZE = 1024;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-pipeline-"));
const server = await createServer(
  {
    host: "127.0.0.1",
    port: 0,
    dataDir,
    accountId: ACCOUNT_ID,
    rootAccessKeyId: ROOT_KEY.accessKeyId,
    rootSecretAccessKey: ROOT_KEY.secretAccessKey,
    logLevel: "info",
  },
  pino({ level: "info" }, pino.destination({ dest: path.join(dataDir, "server.log"), sync: false })),
);
const url = await server.listen();
const users: BenchUser[] = await provisionUsers(url, 16);

const toRequest = (p: PreparedRequest): AwsRequest => ({
  method: p.method,
  path: "/",
  query: "",
  headers: Object.fromEntries(Object.entries(p.headers).map(([k, v]) => [k.toLowerCase(), v])),
  body: Buffer.from(p.body),
  sourceIp: "127.0.0.1",
});

const secrets = new Map([ROOT_KEY, ...users].map((k) => [k.accessKeyId, k.secretAccessKey]));

interface Figures {
  perSecond: number;
  cpuMicros: number;
}

/** Calls `work` on the pool's requests, IN_FLIGHT at a time, for SECONDS; µs of wall time each. */
async function measure(
  pool: AwsRequest[],
  work: (req: AwsRequest) => Promise<unknown> | unknown,
): Promise<Figures> {
  let done = 0;
  let failed = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, lane) => {
      for (let i = lane; performance.now() < end; i += IN_FLIGHT) {
        const answer = (await work(pool[i % pool.length] as AwsRequest)) as { status?: number } | undefined;
        if (answer?.status !== undefined && answer.status !== 200) failed += 1;
        done += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (failed > 0) throw new Error(`${failed} requests were refused: the benchmark is broken`);
  return { perSecond: done / seconds, cpuMicros: (cpu.user + cpu.system) / done };
}

const signatureOnly = () => {
  const keys = new SigningKeyCache();
  return (req: AwsRequest) => {
    const claim = parseSigV4Request(req);
    verifySigV4(req, claim, secrets.get(claim.accessKeyId) as string, new Date(), keys);
  };
};

const profile = process.env.BENCH_PROFILE === "1" ? new Session() : undefined;
if (profile) {
  profile.connect();
  await profile.post("Profiler.enable");
}

const scenarios = {
  GetUser: { service: "iam" as const, body: "Action=GetUser&Version=2010-05-08", keys: users },
  GetCallerIdentity: {
    service: "sts" as const,
    body: "Action=GetCallerIdentity&Version=2011-06-15",
    keys: [ROOT_KEY],
  },
};
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
console.log(
  `in-process, ${IN_FLIGHT} in flight, best of ${ROUNDS} rounds of ${SECONDS}s, pool of ${POOL_SIZE} signed requests; CPU counts every thread (GC helpers, the audit writer)`,
);
for (const [name, scenario] of Object.entries(scenarios)) {
  const pool = (await signedPool(url, { ...scenario, size: POOL_SIZE })).map(toRequest);
  await measure(pool, (req) => server.handle(req)); // warm-up
  const best = (a: Figures | undefined, b: Figures) => (a && a.cpuMicros <= b.cpuMicros ? a : b);
  let baseline: Figures | undefined;
  let ours: Figures | undefined;
  for (let round = 0; round < ROUNDS; round++)
    baseline = best(baseline, await measure(pool, signatureOnly()));
  // The profile covers the pipeline's rounds only.
  if (profile) await profile.post("Profiler.start");
  for (let round = 0; round < ROUNDS; round++)
    ours = best(ours, await measure(pool, (req) => server.handle(req)));
  if (!baseline || !ours) throw new Error("no rounds were run");
  if (profile) {
    const { profile: cpuProfile } = await profile.post("Profiler.stop");
    const file = path.join(dataDir, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(cpuProfile));
    console.log(`  profile: ${file}`);
  }
  console.log(
    `${name}: pipeline ${fmt(ours.perSecond)} req/s, ${ours.cpuMicros.toFixed(1)} µs CPU each; ` +
      `signature alone ${fmt(baseline.perSecond)} req/s, ${baseline.cpuMicros.toFixed(1)} µs CPU each; ` +
      `the pipeline costs ${(ours.cpuMicros / baseline.cpuMicros).toFixed(1)}x the signature check`,
  );
}
await server.close();
if (!profile) fs.rmSync(dataDir, { recursive: true, force: true });
