// Adds an account to the server: a 12-digit id (given, or drawn at random among free ones), an
// optional alias (AWS's pattern, unique across the server's accounts), and its own root access
// key, all in one transaction with the change's audit record. Accounts are tenants: nothing of
// one is visible to another unless policies on both sides allow it.

import { randomInt } from "node:crypto";
import { buildAuditEvent } from "../audit/buildAuditEvent.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { ACCOUNT_ALIAS_PATTERN, ACCOUNT_ID_PATTERN } from "../domain/Account.ts";
import type { Store } from "../store/ports.ts";
import { issueRootAccessKey } from "./issueRootAccessKey.ts";
import { ConfigError } from "./ServerConfig.ts";

export interface CreatedAccount {
  accountId: string;
  alias?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

function randomAccountId(): string {
  // Never 000000000000, the default first account's id.
  return String(randomInt(100_000_000_000, 1_000_000_000_000)).padStart(12, "0");
}

export async function createAccount(
  store: Store,
  sealer: Sealer,
  options: { accountId?: string; alias?: string; now?: Date },
): Promise<CreatedAccount> {
  const now = options.now ?? new Date();
  if (options.accountId !== undefined && !ACCOUNT_ID_PATTERN.test(options.accountId)) {
    throw new ConfigError(`account id ${options.accountId} is not 12 digits`);
  }
  if (options.alias !== undefined && !ACCOUNT_ALIAS_PATTERN.test(options.alias)) {
    throw new ConfigError(
      `alias ${options.alias} must be 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  }
  return store.transaction(async (tx) => {
    let accountId = options.accountId;
    if (accountId === undefined) {
      do accountId = randomAccountId();
      while (await tx.accounts.get(accountId));
    } else if (await tx.accounts.get(accountId)) {
      throw new ConfigError(`account ${accountId} already exists`);
    }
    await tx.accounts.create({ accountId, createDate: now });
    if (options.alias !== undefined && !(await tx.accounts.setAlias(accountId, options.alias))) {
      throw new ConfigError(`alias ${options.alias} is taken by another account`);
    }
    const key = await issueRootAccessKey(tx, sealer, accountId, now);
    await tx.audit.append([
      buildAuditEvent({
        time: now,
        service: "iam",
        eventName: "CreateAccount",
        region: "us-east-1",
        sourceIp: "portcullis-cli",
        userAgent: "portcullis account create",
        requestId: `account-create-${accountId}`,
        readOnly: false,
        input: { accountId, ...(options.alias !== undefined ? { alias: options.alias } : {}) },
        output: { accountId, rootAccessKeyId: key.accessKeyId },
      }),
    ]);
    return { accountId, ...(options.alias !== undefined ? { alias: options.alias } : {}), ...key };
  });
}
