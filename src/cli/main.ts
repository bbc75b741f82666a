// The `portcullis` command.

import { Command } from "commander";
import { ConfigError } from "../server/ServerConfig.ts";
import { auditCommand } from "./auditCommand.ts";
import { serveCommand } from "./serveCommand.ts";

const program = new Command("portcullis").description(
  "An IAM and STS service that speaks AWS's wire protocol and enforces it.",
);

program
  .command("serve")
  .description("run the service")
  .option("--host <host>", "address to listen on (env PORTCULLIS_HOST, default 127.0.0.1)")
  .option("--port <port>", "port to listen on (env PORTCULLIS_PORT, default 4599)")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option("--log-level <level>", "log level (env PORTCULLIS_LOG_LEVEL, default info)")
  .action((opts) => serveCommand(opts));

program
  .command("audit")
  .description("print the audit trail as JSON lines (CloudTrail record format)")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option("--since <time>", "only records at or after this ISO-8601 time")
  .option("--event-name <name>", "only records of this API operation")
  .action((opts) => auditCommand(opts));

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`portcullis: ${message}\n`);
  process.exit(2);
});
