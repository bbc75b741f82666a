// `portcullis audit mfa`: per user, every MFA device association and disassociation in the audit
// trail with its mechanism (console session, long-term access key, temporary credentials with or
// without MFA) and whether the user acted on themselves, and the associations to review: an
// additional device associated by a long-term key alone. Text by default; `--json` prints one
// JSON object per change (flagged ones carry `review`).

import path from "node:path";
import { type MfaAssociation, reviewMfaAssociations } from "../audit/reviewMfaAssociations.ts";
import { openCommandStore } from "./openCommandStore.ts";

export interface AuditMfaFlags {
  data?: string;
  database?: string;
  json?: boolean;
}

function describe(change: MfaAssociation): string {
  const verb = change.eventName === "EnableMFADevice" ? "associated" : "deactivated";
  const who = change.actedOn === "Self" ? "by the user" : `by ${change.actor}`;
  const extra =
    change.devicesBefore === undefined
      ? ""
      : change.devicesBefore === 0
        ? ", first device"
        : `, additional device (${change.devicesBefore} already)`;
  return `  ${change.eventTime}  ${verb} ${change.serialNumber}  via ${change.mechanism} ${who}${extra}`;
}

export async function auditMfaCommand(flags: AuditMfaFlags): Promise<void> {
  const dataDir = path.resolve(flags.data ?? process.env.PORTCULLIS_DATA ?? ".portcullis");
  const store = await openCommandStore(dataDir, flags);
  let report: ReturnType<typeof reviewMfaAssociations>;
  try {
    const events = [
      ...(await store.audit.query({ eventName: "EnableMFADevice" })),
      ...(await store.audit.query({ eventName: "DeactivateMFADevice" })),
    ];
    report = reviewMfaAssociations(events);
  } finally {
    await store.close();
  }
  if (flags.json) {
    for (const { changes } of report.users)
      for (const change of changes) process.stdout.write(`${JSON.stringify(change)}\n`);
    return;
  }
  for (const { user, changes } of report.users) {
    process.stdout.write(`${user}\n`);
    for (const change of changes) {
      process.stdout.write(`${describe(change)}\n`);
      if (change.review) process.stdout.write(`    REVIEW: ${change.review}\n`);
    }
  }
  process.stdout.write(
    report.flagged.length === 0
      ? "No MFA association needs review.\n"
      : `${report.flagged.length} MFA association(s) to review.\n`,
  );
}
