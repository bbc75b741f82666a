// A small closed-loop HTTP/1.1 load generator over raw keep-alive sockets: each connection sends
// one prepared request, waits for the whole answer, and sends it again, for a fixed time. Raw
// sockets keep the client cheap, so on a two-core machine the server under test (not the
// client) is what runs out of CPU. Bounded in time and aimed at loopback only. The fallback when
// wrk is missing: run as a script, it reads {url, pool, connections, seconds} from a JSON file and
// prints its figures as JSON.

import fs from "node:fs";
import net from "node:net";
import type { LoadFigures } from "./runWrk.ts";
import { type PreparedRequest, rawRequest } from "./signedPool.ts";

function connection(
  target: URL,
  wire: readonly Buffer[],
  deadline: number,
  tally: { requests: number; non200: number; next: number; latencies: number[] },
) {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      sentAt = performance.now();
      tally.next = (tally.next + 1) % wire.length;
      socket.write(wire[tally.next] as Buffer);
    };
    socket.on("connect", send);
    socket.on("data", (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf("\r\n\r\n");
        if (end === -1) return;
        const head = pending.subarray(0, end).toString("latin1");
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        if (!head.startsWith("HTTP/1.1 200")) tally.non200 += 1;
        tally.requests += 1;
        tally.latencies.push(performance.now() - sentAt);
        pending = pending.subarray(end + 4 + length);
        if (performance.now() >= deadline) {
          socket.end();
          return;
        }
        send();
      }
    });
    socket.on("close", () => resolve());
    socket.on("error", reject);
  });
}

export async function runLoad(
  url: string,
  pool: readonly PreparedRequest[],
  options: { connections: number; seconds: number },
): Promise<LoadFigures> {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname))
    throw new Error("load goes to loopback only");
  const wire = pool.map((r) => Buffer.from(rawRequest(target, r)));
  const tally = { requests: 0, non200: 0, next: 0, latencies: [] as number[] };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  // A server may close a keep-alive connection (Portcullis does after 1,000 requests, as AWS's
  // endpoints close theirs now and then): like a real client, open a new one and go on.
  const client = async () => {
    while (performance.now() < deadline) await connection(target, wire, deadline, tally);
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  const seconds = (performance.now() - started) / 1000;
  const sorted = tally.latencies.sort((a, b) => a - b);
  return {
    requests: tally.requests,
    seconds,
    perSecond: tally.requests / seconds,
    non2xx: tally.non200,
    socketErrors: 0,
    p50Ms: sorted[Math.floor(sorted.length * 0.5)] ?? 0,
    p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url, pool, connections, seconds } = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8"));
  process.stdout.write(JSON.stringify(await runLoad(url, pool, { connections, seconds })));
}
