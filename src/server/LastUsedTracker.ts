// Remembers, per access key, the last time it authenticated a request, and writes those facts in
// batches: GetAccessKeyLastUsed is really tracked, yet no request waits on a write for it.

import type { Store } from "../store/ports.ts";

interface Use {
  accessKeyId: string;
  date: Date;
  serviceName: string;
  region: string;
}

export class LastUsedTracker {
  private pending = new Map<string, Use>();

  constructor(private readonly store: Store) {}

  record(use: Use): void {
    this.pending.set(use.accessKeyId, use);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const uses = [...this.pending.values()];
    this.pending = new Map();
    await this.store.transaction((tx) => tx.accessKeys.recordLastUsed(uses));
  }
}
