// A child process for the benchmark: either a Portcullis server on a fresh data folder, or a bare
// node:http server answering a fixed body. It prints its URL on stdout and runs until killed.
// BENCH_DATA_DIR names an existing data folder to serve (the start-up figures); else a fresh one.

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createServer } from "../../src/server/createServer.ts";

const kind = process.argv[2];

if (kind === "bare") {
  const body = Buffer.from(
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
  );
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/xml", "content-length": body.length });
      res.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address() as { port: number };
    process.stdout.write(`http://127.0.0.1:${address.port}\n`);
  });
  // An orderly exit, so that a profiler (`--cpu-prof`) writes its file.
  process.on("SIGTERM", () => process.exit(0));
} else {
  const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-"));
  const server = await createServer(
    {
      host: "127.0.0.1",
      port: 0,
      dataDir,
      accountId: "000000000000",
      rootAccessKeyId: process.env.BENCH_ACCESS_KEY_ID ?? "",
      rootSecretAccessKey: process.env.BENCH_SECRET_ACCESS_KEY ?? "",
      logLevel: "info",
    },
    // Logs go where a deployment would send them; here, a file on disk, written asynchronously.
    pino({ level: "info" }, pino.destination({ dest: path.join(dataDir, "server.log"), sync: false })),
  );
  process.stdout.write(`${await server.listen()}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
