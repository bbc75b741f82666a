// Reads the audit trail for MFA device changes and says, per user, every association
// (EnableMFADevice) and disassociation (DeactivateMFADevice) with how it was authenticated and by
// whom, and flags what a security team should review: an *additional* device associated by a
// long-term access key alone (no MFA in the credential), the pattern AWS notified customers
// about in April 2023. Portcullis's guard refuses that for a user acting on themselves; it can
// still happen when another principal (an administrator's key) adds a device to a user, or in a
// trail imported from elsewhere, so it is flagged wherever it appears.
// Pure: a function of the records. It lives in the domain because two layers read it: `portcullis
// audit mfa` (through src/audit/) and the analyzer, which takes CloudTrail files as well.

import type { AuditEvent } from "./AuditEvent.ts";

export interface MfaAssociation {
  /** The ARN of the user (or root) whose devices changed. */
  user: string;
  eventTime: string;
  eventName: "EnableMFADevice" | "DeactivateMFADevice";
  serialNumber: string;
  /** ConsoleSession, LongTermAccessKey, TemporaryCredentialsWithMFA, TemporaryCredentialsWithoutMFA. */
  mechanism: string;
  actedOn: "Self" | "AnotherUser";
  actor: string;
  /** Where the request came from, as recorded. */
  sourceIPAddress?: string;
  /** For associations: devices the user already had. */
  devicesBefore?: number;
  review?: string;
}

export interface MfaReviewReport {
  users: Array<{ user: string; changes: MfaAssociation[] }>;
  flagged: MfaAssociation[];
}

const CHANGE_EVENTS = new Set(["EnableMFADevice", "DeactivateMFADevice"]);

/** The mechanism, from our own facts if recorded, else from the CloudTrail identity. */
function mechanismOf(event: AuditEvent): string {
  const recorded = event.additionalEventData?.mfaAuthentication;
  if (typeof recorded === "string") return recorded;
  const identity = event.userIdentity;
  if (identity.credentialKind === "ConsoleSession") return "ConsoleSession";
  if (identity.sessionContext)
    return identity.sessionContext.attributes.mfaAuthenticated === "true"
      ? "TemporaryCredentialsWithMFA"
      : "TemporaryCredentialsWithoutMFA";
  return "LongTermAccessKey";
}

/** Our millisecond request time when recorded (eventTime has whole seconds), else eventTime. */
function orderingTime(event: AuditEvent): string {
  const recorded = event.additionalEventData?.requestTime;
  return typeof recorded === "string" ? recorded : event.eventTime.replace(/Z$/, ".000Z");
}

function targetOf(event: AuditEvent): string {
  const recorded = event.additionalEventData?.targetArn;
  if (typeof recorded === "string") return recorded;
  const named = event.requestParameters?.userName;
  const account = event.recipientAccountId ?? event.userIdentity.accountId ?? "";
  if (typeof named === "string") return `arn:aws:iam::${account}:user/${named}`;
  return event.userIdentity.arn ?? "unknown";
}

export function reviewMfaAssociations(events: readonly AuditEvent[]): MfaReviewReport {
  const changes = events
    .filter((e) => CHANGE_EVENTS.has(e.eventName) && e.errorCode === undefined)
    .map((e, index) => ({ e, index, at: orderingTime(e) }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.index - b.index)
    .map(({ e }) => e);

  // Devices each user holds, replayed from the trail, for records that lack our own count.
  const held = new Map<string, Set<string>>();
  const byUser = new Map<string, MfaAssociation[]>();
  const flagged: MfaAssociation[] = [];
  for (const event of changes) {
    const user = targetOf(event);
    const serialNumber = String(
      event.additionalEventData?.serialNumber ?? event.requestParameters?.serialNumber ?? "unknown",
    );
    const devices = held.get(user) ?? new Set<string>();
    held.set(user, devices);
    const actedOn =
      event.additionalEventData?.actedOn === "AnotherUser" ||
      (event.additionalEventData?.actedOn === undefined && event.userIdentity.arn !== user)
        ? "AnotherUser"
        : "Self";
    const change: MfaAssociation = {
      user,
      eventTime: event.eventTime,
      eventName: event.eventName as MfaAssociation["eventName"],
      serialNumber,
      mechanism: mechanismOf(event),
      actedOn,
      actor: event.userIdentity.arn ?? "unknown",
      ...(event.sourceIPAddress ? { sourceIPAddress: event.sourceIPAddress } : {}),
    };
    if (event.eventName === "EnableMFADevice") {
      const recorded = event.additionalEventData?.assignedDevicesBefore;
      change.devicesBefore = typeof recorded === "number" ? recorded : devices.size;
      const withoutMfa =
        change.mechanism === "LongTermAccessKey" || change.mechanism === "TemporaryCredentialsWithoutMFA";
      if (change.devicesBefore >= 1 && withoutMfa) {
        change.review =
          `additional MFA device associated by ${change.mechanism === "LongTermAccessKey" ? "a long-term access key" : "temporary credentials"} ` +
          `alone (no MFA), ${actedOn === "Self" ? "by the user on themselves" : `by ${change.actor}`}; ` +
          "confirm the user's MFA configuration is correct";
        flagged.push(change);
      }
      devices.add(serialNumber.toLowerCase());
    } else {
      devices.delete(serialNumber.toLowerCase());
    }
    const list = byUser.get(user) ?? [];
    list.push(change);
    byUser.set(user, list);
  }
  return {
    users: [...byUser.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([user, list]) => ({ user, changes: list })),
    flagged,
  };
}
