// What a handler receives besides its input: the caller, the store session to work in (the
// transaction, for changes), the clock and randomness, the sealer for secrets, and a way to say
// which caches a change makes stale. Handlers never see HTTP.

import type { Sealer } from "../auth/sealing/Sealer.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { StoreSession } from "../store/ports.ts";

/** Caches that a committed change can make stale; the server drops them after the commit. */
export type CacheTopic = "credentials" | "policies";

export interface OperationContext {
  readonly caller: CallerIdentity;
  readonly store: StoreSession;
  readonly now: Date;
  readonly random: (n: number) => Buffer;
  readonly sealer: Sealer;
  readonly requestId: string;
  readonly region: string;
  /** Marks a cache stale once this change commits. */
  invalidate(topic: CacheTopic): void;
  /** Facts for the audit record that the input and output do not show (e.g. how MFA was proved). */
  readonly auditDetails: Record<string, unknown>;
}
