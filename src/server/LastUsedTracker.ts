// Remembers, per access key, the last time it authenticated a request, and writes those facts in
// batches: GetAccessKeyLastUsed is really tracked, yet no request waits on a write for it. Where
// the audit trail has a background writer with its own connection (SQLite), that writer writes
// them, so the request thread never waits on the write lock for them either.

import type { AccessKeyUse, AuditWriter, Store } from "../store/ports.ts";

export class LastUsedTracker {
  private pending = new Map<string, AccessKeyUse>();
  private readonly write: (uses: readonly AccessKeyUse[]) => Promise<void>;

  constructor(store: Store, writer?: AuditWriter) {
    this.write = writer?.recordLastUsed
      ? (uses) => writer.recordLastUsed?.(uses) as Promise<void>
      : (uses) => store.transaction((tx) => tx.accessKeys.recordLastUsed(uses));
  }

  record(use: AccessKeyUse): void {
    this.pending.set(use.accessKeyId, use);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const uses = [...this.pending.values()];
    this.pending = new Map();
    await this.write(uses);
  }
}
