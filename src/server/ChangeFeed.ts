// Keeps this process's caches in step with changes committed by other workers and nodes: it
// follows the store's change log and drops what each entry names. Before a request is
// authenticated, the pipeline asks the feed to catch up — one indexed read of the entries after
// the last one seen. Where the store pushes changes (PostgreSQL's LISTEN/NOTIFY), a push triggers
// the read at once, and a request reads only if the last read is older than the staleness bound;
// where the store can tell that no other connection has committed (SQLite's data_version), a
// request reads nothing;
// while the push channel is down, every request reads first, and a reconnect reads before the
// feed trusts pushes again.
//
// PostgreSQL numbers entries from a sequence, so a transaction that took a number earlier can
// commit after one that took a later number: a number skipped over is remembered as a gap and
// asked for again on every read, until it appears or is old enough to be a rolled-back change.

import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import type { Store } from "../store/ports.ts";

/** Default staleness bound with a working push channel, in ms. */
export const DEFAULT_STALENESS_BOUND_MS = 1000;
/** A missing number older than this belongs to a transaction that rolled back. */
const GAP_WAIT_MS = 60_000;
/** A jump this large (after pruning, or a first read) is not tracked number by number. */
const MAX_TRACKED_GAP = 1000;

export interface ChangeFeedOptions {
  /** With a push channel up: the longest a request may rely on the last read. */
  stalenessBoundMs?: number;
  clock?: () => number;
  onError?: (err: unknown) => void;
}

export class ChangeFeed {
  private last = 0;
  private readonly gaps = new Map<number, number>();
  private pushed = false;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly boundMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly store: Store,
    private readonly invalidate: (changed: readonly ChangedEntity[]) => void,
    private readonly options: ChangeFeedOptions = {},
  ) {
    this.boundMs = options.stalenessBoundMs ?? DEFAULT_STALENESS_BOUND_MS;
    this.clock = options.clock ?? Date.now;
  }

  /** Starts after the newest entry (the caches are empty) and subscribes to pushes if offered. */
  async start(): Promise<void> {
    this.last = await this.store.changeLog.latest();
    this.lastReadAt = this.clock();
    this.unsubscribe = await this.store.subscribeChanges?.({
      onChange: () => this.background(),
      onConnected: () => {
        this.catchUp().then(
          () => {
            this.pushed = true;
          },
          (err) => this.options.onError?.(err),
        );
      },
      onDisconnected: () => {
        this.pushed = false;
      },
    });
  }

  /** Whether pushes are trusted now (for /health and tests). */
  get pushing(): boolean {
    return this.pushed;
  }

  /** Before a request: read the log unless a push channel vouches for the last read. */
  beforeRequest(): Promise<void> | undefined {
    if (this.pushed && this.clock() - this.lastReadAt < this.boundMs) return undefined;
    // Asked on every request, so a commit elsewhere is always seen by the next request.
    if (this.store.othersMayHaveCommitted?.() === false && !this.running) return undefined;
    return this.catchUp();
  }

  /** One read of the log; a call while one runs gets a fresh read after it, never a stale one. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again ??= this.running.then(
        () => this.restart(),
        () => this.restart(),
      );
      return this.again;
    }
    this.running = this.read().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    await this.running?.catch(() => {});
  }

  private restart(): Promise<void> {
    this.again = undefined;
    return this.catchUp();
  }

  private background(): void {
    this.catchUp().catch((err) => this.options.onError?.(err));
  }

  private async read(): Promise<void> {
    const startedAt = this.clock();
    const entries = await this.store.changeLog.readAfter(this.last, [...this.gaps.keys()]);
    const changed: ChangedEntity[] = [];
    for (const entry of entries) {
      changed.push(...entry.entities);
      this.gaps.delete(entry.seq);
      if (entry.seq > this.last) {
        if (entry.seq - this.last <= MAX_TRACKED_GAP) {
          for (let missing = this.last + 1; missing < entry.seq; missing++) this.gaps.set(missing, startedAt);
        }
        this.last = entry.seq;
      }
    }
    for (const [seq, since] of this.gaps) if (startedAt - since > GAP_WAIT_MS) this.gaps.delete(seq);
    if (changed.length > 0) this.invalidate(changed);
    this.lastReadAt = startedAt;
  }
}
