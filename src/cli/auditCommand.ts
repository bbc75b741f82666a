// `portcullis audit`: prints the audit trail of a data folder as JSON lines, one CloudTrail
// record per line, oldest first.

import path from "node:path";
import { openCommandStore } from "./openCommandStore.ts";

export interface AuditFlags {
  data?: string;
  database?: string;
  since?: string;
  eventName?: string;
}

export async function auditCommand(flags: AuditFlags): Promise<void> {
  const dataDir = path.resolve(flags.data ?? process.env.PORTCULLIS_DATA ?? ".portcullis");
  let since: Date | undefined;
  if (flags.since !== undefined) {
    since = new Date(flags.since);
    if (Number.isNaN(since.getTime())) throw new Error(`--since: '${flags.since}' is not a date`);
  }
  const store = await openCommandStore(dataDir, flags);
  try {
    const events = await store.audit.query({
      ...(since ? { since } : {}),
      ...(flags.eventName ? { eventName: flags.eventName } : {}),
    });
    for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
  } finally {
    await store.close();
  }
}
