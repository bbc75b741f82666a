// Runs a transaction again when the database says it lost a race that it may simply retry
// (PostgreSQL: serialization failure, deadlock; SQLite: another process holds the write lock),
// with a bounded number of attempts and a random, growing pause so racers spread out. The work
// must not have effects outside the transaction: a retried attempt starts from nothing.

export interface RetryPolicy {
  /** Whether `err` means "run it again". */
  retryable(err: unknown): boolean;
  maxAttempts: number;
  /** The longest pause, in ms; each pause is random up to min(cap, 2^attempt). */
  maxPauseMs: number;
}

export async function retryTransaction<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!policy.retryable(err) || n >= policy.maxAttempts) throw err;
      const cap = Math.min(policy.maxPauseMs, 2 ** n);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
    }
  }
}

/** The SQLSTATE or SQLite code an error carries, if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
