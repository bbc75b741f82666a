// What the MFA code checks report for the server's metrics: a failed code, and a code refused
// unchecked because a throttle scope is at its limit. A listener the composition root sets; the
// operations know nothing of how it is counted.

export interface MfaCodeListener {
  failure(): void;
  throttled(scope: "source" | "source-day" | "owner-day"): void;
}

const listeners = new Set<MfaCodeListener>();

export const mfaCodeEvents = {
  listen(listener: MfaCodeListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  failure(): void {
    for (const l of listeners) l.failure();
  },
  throttled(scope: "source" | "source-day" | "owner-day"): void {
    for (const l of listeners) l.throttled(scope);
  },
};
