// The `portcullis` command.

import { Command } from "commander";
import { ConfigError } from "../server/ServerConfig.ts";
import { auditCommand } from "./auditCommand.ts";
import { auditMfaCommand } from "./auditMfaCommand.ts";
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

// Options belong to the command they follow, so `audit mfa --data D` is mfa's --data.
program.enablePositionalOptions();

const audit = program
  .command("audit")
  .enablePositionalOptions()
  .description("print the audit trail as JSON lines (CloudTrail record format)")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option("--since <time>", "only records at or after this ISO-8601 time")
  .option("--event-name <name>", "only records of this API operation")
  .action((opts) => auditCommand(opts));

audit
  .command("mfa")
  .description("per user, every MFA device association and how it was authenticated; flags those to review")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option("--json", "one JSON object per change instead of text")
  .action((opts) => auditMfaCommand(opts));

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`portcullis: ${message}\n`);
  process.exit(2);
});
