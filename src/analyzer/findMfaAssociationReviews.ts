// mfa-association-review: from Portcullis's audit records or CloudTrail's, per user, the
// additional MFA devices associated by a long-term key alone (the set AWS notified its customers
// about in April 2023) and the devices deactivated without MFA, with times and source addresses.
// The replay of the trail is the one `portcullis audit mfa` uses.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import { type MfaAssociation, reviewMfaAssociations } from "../domain/reviewMfaAssociations.ts";
import { type Finding, findingId } from "./Finding.ts";

const WITHOUT_MFA = new Set(["LongTermAccessKey", "TemporaryCredentialsWithoutMFA"]);

export function findMfaAssociationReviews(events: readonly AuditEvent[]): Finding[] {
  const report = reviewMfaAssociations(events);
  const out: Finding[] = [];
  for (const { user, changes } of report.users) {
    const flagged = changes.filter(
      (c) =>
        c.review !== undefined || (c.eventName === "DeactivateMFADevice" && WITHOUT_MFA.has(c.mechanism)),
    );
    if (flagged.length === 0) continue;
    const events = flagged.map((c: MfaAssociation) => ({
      eventTime: c.eventTime,
      eventName: c.eventName,
      serialNumber: c.serialNumber,
      mechanism: c.mechanism,
      actor: c.actor,
      actedOn: c.actedOn,
      sourceIPAddress: c.sourceIPAddress ?? null,
      ...(c.devicesBefore !== undefined ? { devicesBefore: c.devicesBefore } : {}),
    }));
    const method = [...new Set(flagged.map((c) => `iam:${c.eventName}`))].join("+");
    out.push({
      id: findingId("mfa-association-review", user, method, user),
      kind: "mfa-association-review",
      severity: "medium",
      principal: user,
      method,
      target: user,
      path: [],
      remediation:
        "Confirm with the user that every MFA device listed is theirs; deactivate any that is not, rotate the user's access keys, and review what the key did since.",
      details: { events },
    });
  }
  return out;
}
