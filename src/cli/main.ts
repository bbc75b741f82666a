// The `portcullis` command.

import { Command } from "commander";
import { ConfigError } from "../server/ServerConfig.ts";
import { accountCreateCommand, accountListCommand, accountRootPasswordCommand } from "./accountCommand.ts";
import { analyzeCommand } from "./analyzeCommand.ts";
import { auditCommand } from "./auditCommand.ts";
import { auditMfaCommand } from "./auditMfaCommand.ts";
import { auditPruneCommand } from "./auditPruneCommand.ts";
import { mfaUnlockCommand } from "./mfaUnlockCommand.ts";
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
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--log-level <level>", "log level (env PORTCULLIS_LOG_LEVEL, default info)")
  .option(
    "--sts-regions <list>",
    "comma-separated regions STS may be signed for (env PORTCULLIS_STS_REGIONS, default AWS's commercial regions)",
  )
  .option(
    "--audit-retention-days <days>",
    "prune audit records older than this (env PORTCULLIS_AUDIT_RETENTION_DAYS, default 90; 0 keeps them forever)",
  )
  .option(
    "--allow-http-oidc-issuers",
    "accept http:// OIDC issuers on loopback hosts, for tests and local IdPs (env PORTCULLIS_ALLOW_HTTP_OIDC_ISSUERS=1)",
  )
  .option(
    "--saml-audience <list>",
    "comma-separated sign-in URLs accepted as SAML audience and recipient besides AWS's (env PORTCULLIS_SAML_AUDIENCE)",
  )
  .option(
    "--workers <n>",
    "worker processes sharing the port and the store (env PORTCULLIS_WORKERS, default the number of cores)",
  )
  .action((opts) => serveCommand(opts));

// Options belong to the command they follow, so `audit mfa --data D` is mfa's --data.
program.enablePositionalOptions();

const audit = program
  .command("audit")
  .enablePositionalOptions()
  .description("print the audit trail as JSON lines (CloudTrail record format)")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--since <time>", "only records at or after this ISO-8601 time")
  .option("--event-name <name>", "only records of this API operation")
  .action((opts) => auditCommand(opts));

audit
  .command("mfa")
  .description("per user, every MFA device association and how it was authenticated; flags those to review")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--json", "one JSON object per change instead of text")
  .action((opts) => auditMfaCommand(opts));

program
  .command("analyze")
  .description(
    "find MFA bypasses, privilege-escalation paths, MFA associations to review and hygiene problems",
  )
  .option("--data <dir>", "a Portcullis data folder")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--authorization-details <file>", "the JSON of aws iam get-account-authorization-details")
  .option("--credential-report <file>", "the CSV of aws iam get-credential-report (decoded)")
  .option(
    "--cloudtrail <files...>",
    'CloudTrail event files ({"Records":[…]}, plain or .gz) or portcullis audit JSON lines',
  )
  .option("--format <format>", "table, json or sarif (default table)")
  .option("--graph <kind>", "also draw each path: mermaid or dot")
  .option("--mfa-semantics <rule>", "current (the 2023 MFA guard) or pre-2023 (default current)")
  .option("--now <time>", "the analysis time, ISO-8601 (default: now)")
  .action((opts) => analyzeCommand(opts));
const mfa = program.command("mfa").enablePositionalOptions().description("MFA administration");

mfa
  .command("unlock")
  .description("clear a user's (or the root's) failed-MFA-code throttle, its ceiling too; audited")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--user <name>", "the IAM user")
  .option("--root", "the account's root instead of a user")
  .option("--account <accountId>", "the account (default: PORTCULLIS_ACCOUNT_ID or 000000000000)")
  .action((opts) => mfaUnlockCommand(opts));

audit
  .command("prune")
  .description(
    "delete audit records older than the retention (default 90 days); the pruning is itself recorded",
  )
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--days <days>", "retention in days (env PORTCULLIS_AUDIT_RETENTION_DAYS, default 90)")
  .action((opts) => auditPruneCommand(opts));

const account = program
  .command("account")
  .enablePositionalOptions()
  .description("the accounts this server hosts");

account
  .command("create")
  .description("add an account with its own root access key (printed once)")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--id <accountId>", "the 12-digit account id (default: a free random one)")
  .option("--alias <alias>", "an account alias, unique across the server")
  .option("--json", "print the account and its root key as JSON")
  .action((opts) => accountCreateCommand(opts));

account
  .command("list")
  .description("every account, with its alias")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--json", "one JSON object per account")
  .action((opts) => accountListCommand(opts));

account
  .command("root-password")
  .description("set the root user's console password, read from the first line of stdin")
  .option("--data <dir>", "data folder (env PORTCULLIS_DATA, default ./.portcullis)")
  .option(
    "--database <url>",
    "a PostgreSQL store instead of the data folder's SQLite file (env PORTCULLIS_DATABASE_URL)",
  )
  .option("--account <accountId>", "the account (default: PORTCULLIS_ACCOUNT_ID or 000000000000)")
  .action((opts) => accountRootPasswordCommand(opts));

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`portcullis: ${message}\n`);
  process.exit(2);
});
