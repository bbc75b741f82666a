// The soak: `npm run bench -- soak` (never part of `npm test` or a plain `npm run bench`). Ten
// minutes (SOAK_SECONDS) of mixed reads and writes at a steady rate (SOAK_RATE per second, open
// loop, shedding beyond 256 in flight): GetUser and GetCallerIdentity signed by users' own keys,
// TagUser/UntagUser as writes.
// Every 10 s it samples the server's RSS and the window's latency; at the end it checks memory is
// flat (RSS growth under 10% after the first minute), latency does not drift (the last minute's
// p99 within 2x + 5 ms of the first's), and that every request has its audit record.

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { GetUserCommand, IAMClient, TagUserCommand, UntagUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import Database from "better-sqlite3";
import { buildBenchServer, provisionUsers, rssBytes, startNodeTarget } from "./support/benchTargets.ts";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 100);
/** Beyond this many requests in flight the rate is not being served: the rest are shed and counted. */
const MAX_IN_FLIGHT = 256;
const WRITE_SHARE = 0.1;
const WINDOW_MS = 10_000;
const USERS = 16;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchSoak(): Promise<void> {
  await buildBenchServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-soak-"));
  const target = await startNodeTarget("portcullis", { dataDir });
  const users = await provisionUsers(target.url, USERS, ["iam:GetUser", "iam:TagUser", "iam:UntagUser"]);
  const clients = users.map((u) => {
    const options = {
      endpoint: target.url,
      region: "us-east-1",
      credentials: u,
      maxAttempts: 1,
      // Idle sockets closed before the server's 5 s keep-alive timeout, as the test clients do
      // (test/support/awsClients.ts): one attempt, so a reuse racing the server's close would count.
      requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 50, timeout: 4000 }) },
    };
    return { user: u, iam: new IAMClient(options), sts: new STSClient(options) };
  });
  const soakStart = new Date();
  const sent: Record<string, number> = { GetUser: 0, GetCallerIdentity: 0, TagUser: 0, UntagUser: 0 };
  let failures = 0;
  const failureCodes: Record<string, number> = {};
  const unanswered: Record<string, number> = {};
  let shed = 0;
  let latencies: number[] = [];
  const windows: Array<{ atS: number; rssMiB: number; p50: number; p99: number; max: number; n: number }> =
    [];
  const started = performance.now();
  let issued = 0;
  let inFlight = 0;
  const one = async (i: number) => {
    const c = clients[i % clients.length] as (typeof clients)[number];
    const pick = (i * 7919) % 100;
    const t0 = performance.now();
    const name =
      pick < WRITE_SHARE * 50
        ? "TagUser"
        : pick < WRITE_SHARE * 100
          ? "UntagUser"
          : pick % 2 === 0
            ? "GetUser"
            : "GetCallerIdentity";
    inFlight += 1;
    try {
      if (pick < WRITE_SHARE * 50) {
        sent.TagUser = (sent.TagUser ?? 0) + 1;
        await c.iam.send(
          new TagUserCommand({ UserName: c.user.userName, Tags: [{ Key: "soak", Value: String(i) }] }),
        );
      } else if (pick < WRITE_SHARE * 100) {
        sent.UntagUser = (sent.UntagUser ?? 0) + 1;
        await c.iam.send(new UntagUserCommand({ UserName: c.user.userName, TagKeys: ["soak"] }));
      } else if (pick % 2 === 0) {
        sent.GetUser = (sent.GetUser ?? 0) + 1;
        await c.iam.send(new GetUserCommand({}));
      } else {
        sent.GetCallerIdentity = (sent.GetCallerIdentity ?? 0) + 1;
        await c.sts.send(new GetCallerIdentityCommand({}));
      }
    } catch (err) {
      failures += 1;
      const e = err as {
        Code?: string;
        name?: string;
        code?: string;
        $metadata?: { httpStatusCode?: number };
      };
      // Only an answered request has a record: one lost on the wire (a reset connection) has none.
      const answered = e.$metadata?.httpStatusCode !== undefined;
      const code = answered ? (e.Code ?? e.name ?? "?") : `network:${e.code ?? e.name ?? "?"}`;
      failureCodes[code] = (failureCodes[code] ?? 0) + 1;
      if (!answered) unanswered[name] = (unanswered[name] ?? 0) + 1;
    } finally {
      inFlight -= 1;
      latencies.push(performance.now() - t0);
    }
  };
  await new Promise<void>((resolve) => {
    let lastWindow = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.floor(((now - started) / 1000) * RATE);
      while (issued < due) {
        if (inFlight >= MAX_IN_FLIGHT) {
          shed += due - issued;
          issued = due;
          break;
        }
        void one(issued++);
      }
      if (now - lastWindow >= WINDOW_MS) {
        lastWindow = now;
        const sorted = latencies.sort((a, b) => a - b);
        latencies = [];
        const w = {
          atS: Math.round((now - started) / 1000),
          rssMiB: (rssBytes(target.pid) ?? 0) / 2 ** 20,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          max: sorted.at(-1) ?? 0,
          n: sorted.length,
        };
        windows.push(w);
        console.log(
          `  t=${w.atS}s rss ${w.rssMiB.toFixed(1)} MiB; ${(w.n / (WINDOW_MS / 1000)).toFixed(0)} req/s; p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms, max ${w.max.toFixed(0)} ms; in flight ${inFlight}`,
        );
      }
      if (now - started >= SECONDS * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
  for (const c of clients) {
    c.iam.destroy();
    c.sts.destroy();
  }
  await target.stop(); // a clean shutdown writes every queued record

  const db = new Database(path.join(dataDir, "portcullis.sqlite"), { readonly: true });
  const counted = db
    .prepare(
      "select event_name as name, count(*) as n from audit_events where event_time >= ? group by event_name",
    )
    .all(soakStart.toISOString().replace(/\.\d{3}Z$/, "Z")) as Array<{ name: string; n: number }>;
  db.close();
  const recorded = Object.fromEntries(counted.map((r) => [r.name, r.n]));
  const total = Object.values(sent).reduce((a, b) => a + b, 0);
  const auditOk = Object.entries(sent).every(([name, n]) => recorded[name] === n - (unanswered[name] ?? 0));

  const settled = windows.filter((w) => w.atS > Math.min(60, SECONDS / 4));
  const first = settled.slice(0, 6);
  const last = settled.slice(-6);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rssGrowth = mean(last.map((w) => w.rssMiB)) / mean(first.map((w) => w.rssMiB)) - 1;
  const p99First = mean(first.map((w) => w.p99));
  const p99Last = mean(last.map((w) => w.p99));
  const flat = rssGrowth < 0.1;
  const noDrift = p99Last <= 2 * p99First + 5;
  console.log(
    `soak ${SECONDS}s at ${RATE} req/s (${WRITE_SHARE * 100}% writes): ${total} requests, ${failures} failed ${JSON.stringify(failureCodes)}, ${shed} shed; ` +
      `RSS growth after warm-up ${(rssGrowth * 100).toFixed(1)}% (target < 10%): ${flat ? "met" : "NOT met"}; ` +
      `p99 first ${p99First.toFixed(1)} ms, last ${p99Last.toFixed(1)} ms: ${noDrift ? "no drift" : "DRIFT"}; ` +
      `audit records ${JSON.stringify(recorded)} for ${JSON.stringify(sent)} sent, ${JSON.stringify(unanswered)} never answered: ` +
      `${auditOk ? "one per answered request" : "MISMATCH"}`,
  );
  if (!flat || !noDrift || !auditOk || failures > 0 || shed > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSoak();
