// Limits the audit records of unauthenticated refusals per source address: the first
// UNAUTHENTICATED_RECORDS_PER_WINDOW in a minute are written one by one, the rest only counted,
// and the count is written as one aggregate record when the window is over (on the address's
// next refusal, or at the periodic sweep). So a flood of unsigned requests costs a bounded number
// of records per address and minute, and is still visible in the trail. The clock is passed in.

export const UNAUTHENTICATED_RECORDS_PER_WINDOW = 20;
export const REFUSAL_WINDOW_MS = 60_000;
/** Addresses tracked at once; beyond, refusals from new addresses share one counter ("*"). */
export const MAX_TRACKED_ADDRESSES = 10_000;

export interface SuppressedRefusals {
  sourceIp: string;
  windowStart: Date;
  windowEnd: Date;
  suppressed: number;
  /** The error codes of the suppressed refusals, with how many of each. */
  codes: Record<string, number>;
}

interface Window {
  start: number;
  written: number;
  suppressed: number;
  codes: Record<string, number>;
}

export class RefusalAuditLimiter {
  private readonly windows = new Map<string, Window>();

  /**
   * Whether this refusal gets its own record; `flush` receives the aggregate of a window that
   * ended, before anything else is decided for the address.
   */
  admit(sourceIp: string, code: string, now: Date, flush: (s: SuppressedRefusals) => void): boolean {
    const key = this.windows.has(sourceIp) || this.windows.size < MAX_TRACKED_ADDRESSES ? sourceIp : "*";
    const t = now.getTime();
    let window = this.windows.get(key);
    if (window && t - window.start >= REFUSAL_WINDOW_MS) {
      this.emit(key, window, flush);
      window = undefined;
    }
    if (!window) {
      window = { start: t, written: 0, suppressed: 0, codes: {} };
      this.windows.set(key, window);
    }
    if (window.written < UNAUTHENTICATED_RECORDS_PER_WINDOW) {
      window.written++;
      return true;
    }
    window.suppressed++;
    window.codes[code] = (window.codes[code] ?? 0) + 1;
    return false;
  }

  /** Writes the aggregates of every window that has ended (or all, at shutdown) and forgets them. */
  sweep(now: Date, flush: (s: SuppressedRefusals) => void, all = false): void {
    for (const [key, window] of this.windows) {
      if (all || now.getTime() - window.start >= REFUSAL_WINDOW_MS) {
        this.emit(key, window, flush);
        this.windows.delete(key);
      }
    }
  }

  private emit(key: string, window: Window, flush: (s: SuppressedRefusals) => void): void {
    if (window.suppressed === 0) return;
    flush({
      sourceIp: key,
      windowStart: new Date(window.start),
      windowEnd: new Date(window.start + REFUSAL_WINDOW_MS),
      suppressed: window.suppressed,
      codes: window.codes,
    });
  }
}
