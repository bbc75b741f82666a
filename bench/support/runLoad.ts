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

/**
 * Where an answer whose body starts at `bodyStart` ends, by its Content-Length or its chunked
 * encoding (a refusal may come chunked); undefined while the whole answer has not arrived.
 */
function answerEnd(pending: Buffer, bodyStart: number, head: string): number | undefined {
  if (/transfer-encoding:\s*chunked/i.test(head)) {
    let at = bodyStart;
    for (;;) {
      const lineEnd = pending.indexOf("\r\n", at);
      if (lineEnd === -1) return undefined;
      const size = Number.parseInt(pending.subarray(at, lineEnd).toString("latin1"), 16);
      // The last chunk (size 0) is followed by an empty trailer line.
      const next = lineEnd + 2 + size + 2;
      if (pending.length < next) return undefined;
      if (size === 0) return next;
      at = next;
    }
  }
  const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  return pending.length < bodyStart + length ? undefined : bodyStart + length;
}

interface Tally {
  requests: number;
  non200: number;
  next: number;
  latencies: number[];
  /** The first answer that was not 200, whole: what a broken run shows to explain itself. */
  firstRefusal?: string;
}

function connection(target: URL, wire: readonly Buffer[], deadline: number, tally: Tally) {
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
        const bodyEnd = answerEnd(pending, end + 4, head);
        if (bodyEnd === undefined) return;
        if (!head.startsWith("HTTP/1.1 200")) {
          tally.non200 += 1;
          tally.firstRefusal ??= pending.subarray(0, bodyEnd).toString("utf8");
        }
        tally.requests += 1;
        tally.latencies.push(performance.now() - sentAt);
        pending = pending.subarray(bodyEnd);
        // The server's last answer on this connection (after maxRequestsPerSocket): another
        // request sent on it would be refused 503 by node:http. Reconnect, as clients do.
        if (performance.now() >= deadline || /\r\nconnection:\s*close/i.test(head)) {
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
  const tally: Tally = { requests: 0, non200: 0, next: 0, latencies: [] };
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
  if (tally.firstRefusal)
    console.error(`first answer that was not 200:\n${tally.firstRefusal.slice(0, 2000)}`);
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
