// Records of reads and of refused requests are buffered and written in batches, so the read path
// never waits for a disk flush. A mutation's record never passes through here: it is written in
// the mutation's own transaction. On a crash, at most one flush interval of buffered records
// (one second by default) is lost; a clean shutdown flushes everything.

import type { AuditEvent } from "../domain/AuditEvent.ts";

export interface AuditSink {
  append(events: readonly AuditEvent[]): Promise<void>;
}

export class AuditBuffer {
  private pending: AuditEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: AuditSink,
    private readonly onError: (err: unknown) => void,
    intervalMs = 1000,
    private readonly maxPending = 1000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  add(event: AuditEvent): void {
    this.pending.push(event);
    if (this.pending.length >= this.maxPending) void this.flush();
  }

  /** Writes what is pending; flushes are serialised so records keep their order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.length === 0) return;
      const batch = this.pending;
      this.pending = [];
      try {
        await this.sink.append(batch);
      } catch (err) {
        this.onError(err);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
