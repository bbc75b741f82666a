// `portcullis audit prune`: deletes audit records older than the retention (--days, else the
// server's setting, default 90 days) and records that it did, in the trail it pruned.

import { randomUUID } from "node:crypto";
import os from "node:os";
import { buildAuditEvent } from "../audit/buildAuditEvent.ts";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "../server/createServer.ts";
import { resolveServerConfig } from "../server/ServerConfig.ts";
import { openCommandStore } from "./openCommandStore.ts";

export async function auditPruneCommand(flags: {
  data?: string;
  database?: string;
  days?: string;
}): Promise<void> {
  const config = resolveServerConfig(
    {
      ...(flags.data ? { data: flags.data } : {}),
      ...(flags.days ? { auditRetentionDays: flags.days } : {}),
    },
    process.env,
  );
  const days = config.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (days === 0) throw new Error("--days: 0 would prune nothing (records are kept forever)");
  const store = await openCommandStore(config.dataDir, flags);
  try {
    const now = new Date();
    const before = new Date(now.getTime() - days * 86_400_000);
    const pruned = await store.transaction(async (tx) => {
      const count = await tx.audit.prune(before);
      await tx.audit.append([
        buildAuditEvent({
          time: now,
          service: "iam",
          // Not an AWS API operation: Portcullis's own administrative action.
          eventName: "PortcullisAuditPrune",
          region: "us-east-1",
          sourceIp: "localhost",
          userAgent: "portcullis-cli",
          requestId: randomUUID(),
          readOnly: false,
          input: { retentionDays: days, before: before.toISOString() },
          details: { administrator: os.userInfo().username, prunedRecords: count },
        }),
      ]);
      return count;
    });
    process.stdout.write(`pruned ${pruned} audit records older than ${before.toISOString()}\n`);
  } finally {
    await store.close();
  }
}
