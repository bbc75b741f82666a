// CloudTrail's LookupEvents over the audit trail: the fields it answers with (Username as
// CloudTrail derives it, the record itself as a JSON string) and its page token, which names the
// last record a page looked at, so the next page continues right after it.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import type { AuditPosition } from "../store/ports.ts";

/** One event as LookupEvents lists it. */
export interface LookedUpEvent {
  EventId: string;
  EventName: string;
  ReadOnly: string;
  AccessKeyId?: string;
  EventTime: string;
  EventSource: string;
  Username?: string;
  /** The whole record, as JSON text (already redacted when it was written). */
  CloudTrailEvent: string;
}

/** The user name CloudTrail shows: an IAM user's name, "root", or a role session's name. */
export function usernameOf(event: AuditEvent): string | undefined {
  const identity = event.userIdentity;
  if (identity.userName) return identity.userName;
  if (identity.type === "Root") return "root";
  if (identity.arn?.includes("/")) return identity.arn.slice(identity.arn.lastIndexOf("/") + 1);
  return undefined;
}

export function lookedUp(event: AuditEvent): LookedUpEvent {
  const username = usernameOf(event);
  return {
    EventId: event.eventID,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly),
    ...(event.userIdentity.accessKeyId ? { AccessKeyId: event.userIdentity.accessKeyId } : {}),
    EventTime: event.eventTime,
    EventSource: event.eventSource,
    ...(username ? { Username: username } : {}),
    CloudTrailEvent: JSON.stringify(event),
  };
}

export function encodeNextToken(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([position.eventTime, position.eventId]), "utf8").toString("base64url");
}

/** The position a token names; undefined when it is not one of ours. */
export function decodeNextToken(token: string): AuditPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value[0]) &&
      typeof value[1] === "string" &&
      value[1].length <= 128
    ) {
      return { eventTime: value[0], eventId: value[1] };
    }
  } catch {
    // not ours
  }
  return undefined;
}
