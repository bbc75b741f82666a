// `portcullis serve`: runs the service until SIGTERM or SIGINT, then closes cleanly. With
// `--workers N` (default: the number of cores) the first process bootstraps the data folder,
// then runs N workers on the one port (node:cluster hands each new connection to the next), each
// with its own store connection and caches; the change log keeps their caches in step. A worker
// that dies is replaced; SIGTERM to the first process stops every worker, then itself.

import cluster, { type Worker } from "node:cluster";
import { createServer } from "../server/createServer.ts";
import { openDataFolder } from "../server/openDataFolder.ts";
import { type ConfigFlags, resolveServerConfig, type ServerConfig } from "../server/ServerConfig.ts";

interface Listening {
  listening: string;
}

export async function serveCommand(flags: ConfigFlags): Promise<void> {
  const config = resolveServerConfig(flags, process.env);
  const workers = config.workers ?? 1;
  if (cluster.isWorker)
    return serveOne(config, (url) => process.send?.({ listening: url } satisfies Listening));
  if (workers <= 1) {
    return serveOne(config, (url) => process.stdout.write(`listening on ${url}\n`), announceGenerated);
  }
  return runWorkers(config, workers);
}

function announceGenerated(
  config: ServerConfig,
  generated: { accessKeyId: string; secretAccessKey: string; file: string } | undefined,
): void {
  if (!generated) return;
  // Shown once, on the start that made them; afterwards only the 0600 file holds them.
  process.stdout.write(
    `Root credentials for account ${config.accountId} (also written to ${generated.file}):\n` +
      `  aws_access_key_id     = ${generated.accessKeyId}\n` +
      `  aws_secret_access_key = ${generated.secretAccessKey}\n`,
  );
}

async function serveOne(
  config: ServerConfig,
  listening: (url: string) => void,
  announce?: typeof announceGenerated,
): Promise<void> {
  const server = await createServer(config);
  announce?.(config, server.data.generatedRootCredentials);
  listening(await server.listen());

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    server.log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function runWorkers(config: ServerConfig, count: number): Promise<void> {
  // Bootstrap once, here, so the workers find the master key, the schema and the root key made.
  const data = await openDataFolder(config);
  announceGenerated(config, data.generatedRootCredentials);
  await data.store.close();

  let stopping = false;
  let listening = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: Partial<Listening>) => {
      if (typeof message.listening !== "string") return;
      // Announced once, when the first N are up; a replacement worker joins silently.
      if (++listening === count)
        process.stdout.write(`listening on ${message.listening} (${count} workers)\n`);
    });
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
