// What the analyzer reports: one finding per path (or per hygiene problem), with every step and
// the statement that allows it, so a reader can check each one against the account.

import type { Step } from "./AccountModel.ts";

export type FindingKind = "mfa-bypass" | "privilege-escalation" | "mfa-association-review" | "hygiene";
export type Severity = "critical" | "high" | "medium" | "low";

export interface Finding {
  readonly id: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The ARN of the user or role that starts the path. */
  readonly principal: string;
  /** The path's actions joined by `+` in the order an attacker calls them, or the hygiene rule. */
  readonly method: string;
  /** `admin` when the end state is administrator-equivalent, else the ARN whose rights are reached. */
  readonly target: string;
  readonly path: readonly Step[];
  readonly remediation: string;
  /** Facts the finding relies on that the input did not give (e.g. no credential report). */
  readonly assumptions?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A short stable id: FNV-1a over what makes the finding itself. */
export function findingId(kind: FindingKind, principal: string, method: string, target: string): string {
  let h = 0x811c9dc5;
  for (const c of `${kind}|${principal}|${method}|${target}`) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const prefix = {
    "mfa-bypass": "MFA",
    "privilege-escalation": "PE",
    "mfa-association-review": "MAR",
    hygiene: "HYG",
  };
  return `${prefix[kind]}-${h.toString(16).padStart(8, "0")}`;
}

export function methodOf(path: readonly Step[]): string {
  return path.map((s) => s.action).join("+");
}
