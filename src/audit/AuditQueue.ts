// Records of reads and of refused requests wait in a bounded in-memory queue and are written in
// batches by a background writer (SQLite: a worker thread with its own connection, one transaction
// per batch), so the request thread never waits for a disk flush. A change's record never passes
// through here: it commits in the change's own transaction. A batch goes to the writer every
// flush interval (one second by default) or once `batchSize` records are queued, whichever comes
// first: on a crash, at most about one interval of records is lost. A clean shutdown writes
// everything. (Handing records over as soon as the writer is idle was tried: on the wire, where
// requests arrive a few per event-loop turn, it made many tiny batches, each a transaction and a
// wake-up of the writer, and cost a read some 30–40 µs of CPU on one core.)
//
// Back-pressure: the queue holds at most `capacity` records not yet written. When it is full, a
// new request waits (`admit`) until the writer has made room, and is refused with
// ServiceUnavailable if no room comes within `admitTimeoutMs`: a read is never served without its
// record being kept, and a stalled writer shows as refusals, not as unbounded memory.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import { ServiceUnavailable } from "../domain/errors/commonErrors.ts";
import type { AuditBatch, AuditWriter } from "../store/ports.ts";

export interface AuditQueueOptions {
  intervalMs?: number;
  /** A batch is handed over early once this many records are queued. */
  batchSize?: number;
  capacity?: number;
  admitTimeoutMs?: number;
}

/** A batch for a writer that takes the records themselves. */
class EventBatch implements AuditBatch {
  readonly events: AuditEvent[] = [];
  add(event: AuditEvent): void {
    this.events.push(event);
  }
  get count(): number {
    return this.events.length;
  }
}

export class AuditQueue {
  private pending: AuditBatch;
  /** Records handed to the writer and not yet acknowledged. */
  private inFlight = 0;
  private writing = false;
  /** When the oldest record not yet written was queued (0: none). */
  private oldestQueuedAt = 0;
  private waiters: Array<() => void> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly capacity: number;
  private readonly admitTimeoutMs: number;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;
  /** Records written, and batches that failed (their records are lost and logged). */
  written = 0;
  failedBatches = 0;

  constructor(
    private readonly writer: AuditWriter,
    private readonly onError: (err: unknown) => void,
    options: AuditQueueOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.capacity = options.capacity ?? 20_000;
    this.admitTimeoutMs = options.admitTimeoutMs ?? 5000;
    this.pending = this.openBatch();
    this.timer = setInterval(() => this.writeNext(), options.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** Records queued or being written. */
  get depth(): number {
    return this.pending.count + this.inFlight;
  }

  /** How long the oldest record not yet written has waited, in milliseconds. */
  lagMs(now = Date.now()): number {
    return this.oldestQueuedAt === 0 ? 0 : now - this.oldestQueuedAt;
  }

  /** Resolves at once while there is room; else when the writer makes some, or refuses. */
  admit(): Promise<void> | undefined {
    if (this.depth < this.capacity) return undefined;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new ServiceUnavailable());
      }, this.admitTimeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  add(event: AuditEvent): void {
    if (this.oldestQueuedAt === 0) this.oldestQueuedAt = Date.now();
    this.pending.add(event);
    if (this.pending.count >= this.batchSize) this.writeNext();
  }

  private openBatch(): AuditBatch {
    return this.writer.openBatch?.() ?? new EventBatch();
  }

  /** Hands the pending records to the writer, one batch at a time so records keep their order. */
  private writeNext(): void {
    if (this.writing || this.pending.count === 0) return;
    const batch = this.pending;
    this.pending = this.openBatch();
    this.writing = true;
    // The count, not the batch, is kept until the writer answers: the records can be collected
    // as soon as the writer has taken them.
    const count = batch.count;
    this.inFlight = count;
    this.idle = new Promise((resolve) => {
      this.markIdle = resolve;
    });
    const written =
      batch instanceof EventBatch
        ? this.writer.append(batch.events)
        : (this.writer.appendBatch as (b: AuditBatch) => Promise<void>)(batch);
    written.then(
      () => {
        this.written += count;
        this.settle();
      },
      (err) => {
        this.failedBatches += 1;
        this.onError(err);
        this.settle();
      },
    );
  }

  private settle(): void {
    this.writing = false;
    this.inFlight = 0;
    this.oldestQueuedAt = this.pending.count === 0 ? 0 : Date.now();
    const markIdle = this.markIdle;
    this.markIdle = undefined;
    if (this.pending.count >= this.batchSize) this.writeNext();
    while (this.waiters.length > 0 && this.depth < this.capacity) this.waiters.shift()?.();
    markIdle?.();
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    for (;;) {
      await this.idle;
      if (this.pending.count === 0 && !this.writing) return;
      this.writeNext();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.writer.close();
  }
}
