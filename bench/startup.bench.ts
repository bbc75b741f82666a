// Start-up time, as `npm start` runs the server (the esbuild bundle under plain node): from spawning
// the process to the server answering, for an empty data folder and for one holding 10,000 users.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { buildBenchServer, cpuSeconds, ROOT_KEY, startNodeTarget } from "./support/benchTargets.ts";

const USERS = Number(process.env.BENCH_STARTUP_USERS ?? 10_000);
const RUNS = 3;

/** Wall time to a healthy answer, and the CPU the server used to get there (what load distorts least). */
async function timeStart(dataDir: string): Promise<{ ms: number; cpuMs: number }> {
  const started = performance.now();
  const target = await startNodeTarget("portcullis", { dataDir });
  const res = await fetch(`${target.url}/health`);
  if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  const ms = performance.now() - started;
  const cpuMs = (cpuSeconds(target.pid) ?? Number.NaN) * 1000;
  await target.stop();
  return { ms, cpuMs };
}

async function fill(dataDir: string, users: number): Promise<void> {
  const target = await startNodeTarget("portcullis", { dataDir });
  const iam = new IAMClient({
    endpoint: target.url,
    region: "us-east-1",
    credentials: ROOT_KEY,
    maxAttempts: 1,
  });
  let next = 0;
  const worker = async () => {
    while (next < users) {
      const i = next++;
      await iam.send(
        new CreateUserCommand({ UserName: `startup-user-${i}`, Tags: [{ Key: "n", Value: String(i) }] }),
      );
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  iam.destroy();
  await target.stop();
}

export async function benchStartup(): Promise<void> {
  await buildBenchServer();
  const empty = () => fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-startup-"));
  const emptyTimes: Array<{ ms: number; cpuMs: number }> = [];
  for (let i = 0; i < RUNS; i++) emptyTimes.push(await timeStart(empty()));
  const full = empty();
  const filling = performance.now();
  await fill(full, USERS);
  const filled = (performance.now() - filling) / 1000;
  const fullTimes: Array<{ ms: number; cpuMs: number }> = [];
  for (let i = 0; i < RUNS; i++) fullTimes.push(await timeStart(full));
  const show = (xs: Array<{ ms: number; cpuMs: number }>) =>
    xs.map((x) => `${x.ms.toFixed(0)} ms (${x.cpuMs.toFixed(0)} ms CPU)`).join(", ");
  console.log(
    `start-up to a healthy answer, empty data folder: ${show(emptyTimes)} (target < 1 s); load average ${os.loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `start-up with ${USERS.toLocaleString("en-US")} users (created through the API in ${filled.toFixed(0)} s): ${show(fullTimes)}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
