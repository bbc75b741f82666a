// The request path under load, as an operator would measure it: the server pinned to one core,
// wrk (or our keep-alive client) pinned to the other, 64 connections, runs of 8 s, a pool of
// distinct requests signed at run time. IAM GetUser signed by the user's own key and allowed by an
// inline policy, and STS GetCallerIdentity signed by root, each beside a bare node:http server
// answering a fixed body and (where installed) moto_server, all in the same run.

import os from "node:os";
import {
  buildBenchServer,
  cpuSeconds,
  provisionUsers,
  ROOT_KEY,
  startMoto,
  startNodeTarget,
  type Target,
} from "./support/benchTargets.ts";
import { LOAD_GENERATOR, type LoadFigures, runLoadGenerator } from "./support/runWrk.ts";
import { signedPool } from "./support/signedPool.ts";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_SECONDS = 2;
const POOL_SIZE = 1024;
const USERS = 16;

type Scenario = "GetUser" | "GetCallerIdentity";
const SCENARIOS: Scenario[] = ["GetUser", "GetCallerIdentity"];

interface Run extends LoadFigures {
  cpuPercent: number | undefined;
}

async function pools(target: Target) {
  const users = await provisionUsers(target.url, target.name === "bare" ? 0 : USERS);
  const keys = target.name === "bare" ? [ROOT_KEY] : users;
  return {
    GetUser: () =>
      signedPool(target.url, {
        service: "iam",
        body: "Action=GetUser&Version=2010-05-08",
        keys,
        size: POOL_SIZE,
      }),
    GetCallerIdentity: () =>
      signedPool(target.url, {
        service: "sts",
        body: "Action=GetCallerIdentity&Version=2011-06-15",
        keys: [ROOT_KEY],
        size: POOL_SIZE,
      }),
  };
}

async function measureTarget(target: Target): Promise<Record<Scenario, Run[]>> {
  const make = await pools(target);
  const result = {} as Record<Scenario, Run[]>;
  for (const scenario of SCENARIOS) {
    const pool = await make[scenario]();
    await runLoadGenerator(target.url, pool, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = cpuSeconds(target.pid);
      const figures = await runLoadGenerator(target.url, pool, {
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      const after = cpuSeconds(target.pid);
      const cpuPercent =
        before !== undefined && after !== undefined ? ((after - before) / figures.seconds) * 100 : undefined;
      runs.push({ ...figures, cpuPercent });
      if (figures.non2xx > 0 && target.name !== "moto")
        throw new Error(
          `${target.name} ${scenario}: ${figures.non2xx} answers were not 2xx: the benchmark is broken`,
        );
    }
    result[scenario] = runs;
  }
  return result;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function describe(runs: Run[]): string {
  const rps = runs.map((r) => fmt(r.perSecond)).join(" / ");
  const p50 = runs.map((r) => fmt(r.p50Ms, 1)).join("/");
  const p99 = runs.map((r) => fmt(r.p99Ms, 1)).join("/");
  const max = runs.map((r) => fmt(r.maxMs, 0)).join("/");
  const cpu = runs.map((r) => (r.cpuPercent === undefined ? "?" : fmt(r.cpuPercent))).join("/");
  // Answers per second of the server's own CPU: what a shared, loaded machine distorts least.
  const perCpu = runs.map((r) => (r.cpuPercent ? fmt(r.perSecond / (r.cpuPercent / 100)) : "?")).join("/");
  const bad = runs.reduce((n, r) => n + r.non2xx + r.socketErrors, 0);
  return `${rps} req/s; p50 ${p50} ms; p99 ${p99} ms; max ${max} ms; server CPU ${cpu}%; ${perCpu} req per CPU-second${bad ? `; ${bad} errors` : ""}`;
}

export async function benchRequestPath(): Promise<void> {
  await buildBenchServer();
  console.log(
    `load: ${LOAD_GENERATOR}, ${CONNECTIONS} connections, ${RUNS} runs of ${SECONDS}s after ${WARMUP_SECONDS}s warm-up; ` +
      `pool of ${POOL_SIZE} distinct signed requests; load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  const all: Partial<Record<Target["name"], Record<Scenario, Run[]>>> = {};
  for (const start of [() => startNodeTarget("bare"), () => startNodeTarget("portcullis"), startMoto]) {
    const target = await start();
    if (!target) {
      console.log("moto_server: not installed, skipped");
      continue;
    }
    try {
      all[target.name] = await measureTarget(target);
    } finally {
      await target.stop();
    }
  }
  let met = true;
  for (const scenario of SCENARIOS) {
    console.log(`\n${scenario}`);
    for (const name of ["portcullis", "bare", "moto"] as const) {
      const runs = all[name]?.[scenario];
      if (runs) console.log(`  ${name.padEnd(10)} ${describe(runs)}`);
    }
    const ours = all.portcullis?.[scenario] as Run[];
    const bare = all.bare?.[scenario] as Run[];
    const vsBare = median(ours.map((r) => r.perSecond)) / median(bare.map((r) => r.perSecond));
    const moto = all.moto?.[scenario];
    const vsMoto = moto
      ? median(ours.map((r) => r.perSecond)) / median(moto.map((r) => r.perSecond))
      : undefined;
    const worstP99 = Math.max(...ours.map((r) => r.p99Ms));
    const worstMax = Math.max(...ours.map((r) => r.maxMs));
    const ok = vsBare >= 0.35 && (vsMoto === undefined || vsMoto >= 35) && worstP99 <= 25 && worstMax <= 300;
    met &&= ok;
    console.log(
      `  ratio (median req/s): ${fmt(vsBare, 2)}x bare (target >= 0.35)` +
        (vsMoto === undefined ? "" : `, ${fmt(vsMoto, 1)}x moto (target >= 35)`) +
        `; worst p99 ${fmt(worstP99, 1)} ms (target <= 25), worst max ${fmt(worstMax)} ms (target <= 300): ${ok ? "met" : "NOT met"}`,
    );
  }
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; targets ${met ? "met" : "not all met"}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRequestPath();
