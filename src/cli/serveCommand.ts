// `portcullis serve`: runs the service until SIGTERM or SIGINT, then closes cleanly.

import { createServer } from "../server/createServer.ts";
import { type ConfigFlags, resolveServerConfig } from "../server/ServerConfig.ts";

export async function serveCommand(flags: ConfigFlags): Promise<void> {
  const config = resolveServerConfig(flags, process.env);
  const server = await createServer(config);
  const generated = server.data.generatedRootCredentials;
  if (generated) {
    // Shown once, on the start that made them; afterwards only the 0600 file holds them.
    process.stdout.write(
      `Root credentials for account ${config.accountId} (also written to ${generated.file}):\n` +
        `  aws_access_key_id     = ${generated.accessKeyId}\n` +
        `  aws_secret_access_key = ${generated.secretAccessKey}\n`,
    );
  }
  const url = await server.listen();
  process.stdout.write(`listening on ${url}\n`);

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
