// `portcullis account create` and `portcullis account list`: the accounts one server hosts.
// A new account gets its own root access key, printed once (as at first start) and never again.

import { randomBytes } from "node:crypto";
import { createAccount } from "../server/createAccount.ts";
import { openDataFolder } from "../server/openDataFolder.ts";
import { resolveServerConfig } from "../server/ServerConfig.ts";
import { setRootPassword } from "../server/setRootPassword.ts";

/** The flags that say where the store is. */
interface StoreFlags {
  data?: string;
  database?: string;
}

/** The store flags as the server reads them. */
function dataFlags(flags: StoreFlags) {
  return {
    ...(flags.data ? { data: flags.data } : {}),
    ...(flags.database ? { database: flags.database } : {}),
  };
}

export interface AccountCreateFlags {
  data?: string;
  database?: string;
  id?: string;
  alias?: string;
  json?: boolean;
}

export async function accountCreateCommand(flags: AccountCreateFlags): Promise<void> {
  const config = resolveServerConfig(dataFlags(flags), process.env);
  const data = await openDataFolder(config);
  try {
    const created = await createAccount(data.store, data.sealer, {
      ...(flags.id !== undefined ? { accountId: flags.id } : {}),
      ...(flags.alias !== undefined ? { alias: flags.alias } : {}),
    });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(created)}\n`);
      return;
    }
    process.stdout.write(
      `Account ${created.accountId}${created.alias ? ` (alias ${created.alias})` : ""} created.\n` +
        "Root credentials (shown only now):\n" +
        `  aws_access_key_id     = ${created.accessKeyId}\n` +
        `  aws_secret_access_key = ${created.secretAccessKey}\n`,
    );
  } finally {
    await data.store.close();
  }
}

export async function accountListCommand(flags: StoreFlags & { json?: boolean }): Promise<void> {
  const config = resolveServerConfig(dataFlags(flags), process.env);
  const data = await openDataFolder(config);
  try {
    for (const account of await data.store.accounts.list()) {
      const row = {
        accountId: account.accountId,
        ...(account.alias ? { alias: account.alias } : {}),
        createDate: account.createDate.toISOString(),
      };
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(row)}\n`
          : `${row.accountId}  ${row.createDate}  ${account.alias ?? ""}\n`,
      );
    }
  } finally {
    await data.store.close();
  }
}

/** The password from stdin (its first line), never from the command line, where `ps` would show it. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Root password (input is shown; pipe it in to hide it): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

export async function accountRootPasswordCommand(flags: StoreFlags & { account?: string }): Promise<void> {
  const config = resolveServerConfig(dataFlags(flags), process.env);
  const password = await readPasswordFromStdin();
  const data = await openDataFolder(config);
  try {
    const accountId = flags.account ?? config.accountId;
    await setRootPassword(data.store, data.sealer, accountId, password, randomBytes);
    process.stdout.write(
      `Root password of account ${accountId} set; sign in at /console/ as the root user.\n`,
    );
  } finally {
    await data.store.close();
  }
}
