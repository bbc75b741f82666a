// Issue 14, findings 3 and 7: the HTTP layer's refusals are AWS ErrorResponses (431, 400 for bytes
// HTTP forbids, 408, 404, 413), a request that stops mid-body is answered 408 and closed in time
// (with the default limits: within 30 s), and SIGTERM exits within its grace even with half-open
// requests in flight.

import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { errorCode } from "../support/awsClients.ts";
import { serve } from "../support/serveProcess.ts";
import { startTestServer, type TestServer } from "../support/startTestServer.ts";

let fast: TestServer;
let standard: TestServer;
before(async () => {
  fast = await startTestServer({ config: { transport: { requestTimeoutMs: 1500, headersTimeoutMs: 1000 } } });
  standard = await startTestServer();
});
after(async () => {
  await fast.stop();
  await standard.stop();
});

interface RawAnswer {
  text: string;
  closedAfterMs: number;
}

/** Writes `chunks` on a fresh connection and reads until the server closes it. */
function rawExchange(url: string, chunks: Array<string | Buffer>): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = net.connect(Number(port), hostname, () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let text = "";
    socket.on("data", (d) => {
      text += d.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve({ text, closedAfterMs: performance.now() - start }));
  });
}

function assertAwsError(answer: RawAnswer, status: number, code: string): void {
  assert.match(answer.text, new RegExp(`^HTTP/1\\.1 ${status} `), answer.text.slice(0, 200));
  assert.match(answer.text, /content-type: text\/xml/i);
  const body = answer.text.slice(answer.text.indexOf("\r\n\r\n") + 4);
  assert.match(body, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
  assert.equal(errorCode(body), code);
  assert.match(body, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
}

test("a header section too large is a 431 ErrorResponse, not an empty answer", async () => {
  const answer = await rawExchange(fast.url, [
    `POST / HTTP/1.1\r\nHost: x\r\nAuthorization: ${"A".repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`,
  ]);
  assertAwsError(answer, 431, "RequestHeaderSectionTooLarge");
});

test("control bytes in a header are a 400 ErrorResponse, not Fastify JSON", async () => {
  const answer = await rawExchange(fast.url, [
    Buffer.from("POST / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\nContent-Length: 0\r\n\r\n", "latin1"),
  ]);
  assertAwsError(answer, 400, "InvalidRequest");
});

test("an unknown path is a 404 ErrorResponse", async () => {
  const res = await fetch(`${fast.url}/nowhere`);
  assert.equal(res.status, 404);
  assert.equal(errorCode(await res.text()), "NotFound");
});

test("a body over the limit is a 413 ErrorResponse", async () => {
  const res = await fetch(fast.url, { method: "POST", body: "x".repeat(1024 * 1024 + 1) });
  assert.equal(res.status, 413);
  assert.match(await res.text(), /<ErrorResponse/);
});

test("a half-sent body is answered 408 and closed once the request timeout passes", async () => {
  const answer = await rawExchange(fast.url, [
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n0123456789",
  ]);
  assertAwsError(answer, 408, "RequestTimeout");
  assert.ok(answer.closedAfterMs < 1500 + 1000 + 1000, `closed after ${answer.closedAfterMs.toFixed(0)} ms`);
});

test("with the default limits, a half-sent body is answered 408 and closed within 30 s", {
  timeout: 40_000,
}, async () => {
  const answer = await rawExchange(standard.url, [
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789",
  ]);
  assertAwsError(answer, 408, "RequestTimeout");
  assert.ok(answer.closedAfterMs < 30_000, `closed after ${answer.closedAfterMs.toFixed(0)} ms`);
});

test("SIGTERM with 200 half-open bodies exits within the grace", { timeout: 30_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-term-"));
  const running = await serve(dataDir, { PORTCULLIS_SHUTDOWN_GRACE_MS: "2000" });
  const { hostname, port } = new URL(running.url);
  const sockets = await Promise.all(
    Array.from(
      { length: 200 },
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(Number(port), hostname, () => {
            s.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
            resolve(s);
          });
          s.on("error", () => undefined);
        }),
    ),
  );
  const start = performance.now();
  const exited = new Promise<number | null>((resolve) => {
    running.child.removeAllListeners("exit");
    running.child.on("exit", (code) => resolve(code));
  });
  running.child.kill("SIGTERM");
  const code = await exited;
  const took = performance.now() - start;
  for (const s of sockets) s.destroy();
  assert.equal(code, 0);
  assert.ok(took < 2000 + 3000, `exited after ${took.toFixed(0)} ms`);
});
