// The analyzer's entry point: one account snapshot (and, optionally, audit or CloudTrail records)
// in, findings out, in a stable order. Pure: the action catalog and the clock are passed in.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import { AccountModel } from "./AccountModel.ts";
import type { AccountSnapshot } from "./AccountSnapshot.ts";
import type { ActionCatalog } from "./ActionCatalog.ts";
import type { Finding, FindingKind } from "./Finding.ts";
import { findHygiene } from "./findHygiene.ts";
import { findMfaAssociationReviews } from "./findMfaAssociationReviews.ts";
import { MfaBypassFinder, type MfaSemantics } from "./findMfaBypasses.ts";
import { EscalationSearch } from "./findPrivilegeEscalations.ts";

export interface AnalyzeOptions {
  readonly catalog: ActionCatalog;
  readonly now: Date;
  readonly mfaSemantics?: MfaSemantics;
  readonly auditEvents?: readonly AuditEvent[];
}

const ORDER: Record<FindingKind, number> = {
  "mfa-bypass": 0,
  "privilege-escalation": 1,
  "mfa-association-review": 2,
  hygiene: 3,
};

export function analyzeAccount(snapshot: AccountSnapshot, options: AnalyzeOptions): Finding[] {
  const model = new AccountModel(snapshot, options.catalog, options.now);
  const findings = [
    ...new MfaBypassFinder(model, options.mfaSemantics ?? "current").findAll(),
    ...new EscalationSearch(model).findAll(),
    ...(options.auditEvents ? findMfaAssociationReviews(options.auditEvents) : []),
    ...findHygiene(model),
  ];
  return findings.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      a.principal.localeCompare(b.principal) ||
      a.method.localeCompare(b.method) ||
      a.target.localeCompare(b.target),
  );
}
