// `portcullis mfa unlock`: an administrator lifts a user's (or the root's) MFA code throttle,
// the owner-wide ceiling included, and the unlock is written to the audit trail in the same
// transaction: who ran it (the local OS user), for whom, and how many counters it cleared.

import { randomUUID } from "node:crypto";
import os from "node:os";
import { buildAuditEvent } from "../audit/buildAuditEvent.ts";
import type { MfaOwner } from "../domain/MfaDevice.ts";
import { clearOwnerFailures } from "../operations/mfa/mfaCodeThrottle.ts";
import { resolveServerConfig } from "../server/ServerConfig.ts";
import { openCommandStore } from "./openCommandStore.ts";

export interface MfaUnlockFlags {
  data?: string;
  database?: string;
  user?: string;
  root?: boolean;
  account?: string;
}

export async function mfaUnlockCommand(flags: MfaUnlockFlags): Promise<void> {
  if ((flags.user === undefined) === (flags.root !== true))
    throw new Error("give exactly one of --user NAME or --root");
  const config = resolveServerConfig({ ...(flags.data ? { data: flags.data } : {}) }, process.env);
  const accountId = flags.account ?? config.accountId;
  const store = await openCommandStore(config.dataDir, flags);
  try {
    const cleared = await store.transaction(async (tx) => {
      let owner: MfaOwner = { kind: "root" };
      if (flags.user !== undefined) {
        const user = await tx.users.getByName(accountId, flags.user);
        if (!user) throw new Error(`no user '${flags.user}' in account ${accountId}`);
        owner = { kind: "user", userId: user.userId };
      }
      const count = await clearOwnerFailures(tx, accountId, owner);
      await tx.audit.append([
        buildAuditEvent({
          time: new Date(),
          service: "iam",
          // Not an AWS API operation: Portcullis's own administrative action.
          eventName: "PortcullisUnlockMFAThrottle",
          region: "us-east-1",
          sourceIp: "localhost",
          userAgent: "portcullis-cli",
          requestId: randomUUID(),
          readOnly: false,
          input: { accountId, ...(flags.user !== undefined ? { userName: flags.user } : { root: true }) },
          details: { administrator: os.userInfo().username, clearedCounters: count },
        }),
      ]);
      return count;
    });
    process.stdout.write(
      `MFA throttle cleared for ${flags.user !== undefined ? `user ${flags.user}` : "the root"} in account ${accountId} (${cleared} counters).\n`,
    );
  } finally {
    await store.close();
  }
}
