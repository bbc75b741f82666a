// The CloudTrail record of one console sign-in attempt (eventName ConsoleLogin, event source
// signin.amazonaws.com, type AwsConsoleSignIn), success or failure. It never holds the password or
// the code: only who tried, from where, whether MFA was used and how it ended. When the name does
// not belong to anyone, the record hides it as CloudTrail does, so the trail cannot be used to
// collect other people's typos of their passwords.

import { randomUUID } from "node:crypto";
import type { AuditEvent, AuditUserIdentity } from "../domain/AuditEvent.ts";
import { isoSeconds } from "../domain/isoSeconds.ts";

export interface ConsoleLoginFacts {
  time: Date;
  sourceIp: string;
  userAgent: string;
  /** The account the attempt named, when it names one. */
  accountId?: string;
  /** Who was signing in, when the name is a known principal. */
  principal?: { type: "Root" | "IAMUser"; principalId: string; arn: string; userName?: string };
  outcome: "Success" | "Failure";
  mfaUsed: boolean;
  /** Portcullis's own detail of a failure, in the words shown to the user. */
  reason?: string;
}

/** CloudTrail's stand-in for a user name that is not shown. */
export const HIDDEN_USER_NAME = "HIDDEN_DUE_TO_SECURITY_REASONS";

export function buildConsoleLoginEvent(facts: ConsoleLoginFacts): AuditEvent {
  const userIdentity: AuditUserIdentity = facts.principal
    ? {
        type: facts.principal.type,
        principalId: facts.principal.principalId,
        arn: facts.principal.arn,
        ...(facts.accountId ? { accountId: facts.accountId } : {}),
        ...(facts.principal.userName ? { userName: facts.principal.userName } : {}),
      }
    : {
        type: "IAMUser",
        ...(facts.accountId ? { accountId: facts.accountId } : {}),
        userName: HIDDEN_USER_NAME,
      };
  return {
    eventVersion: "1.08",
    eventTime: isoSeconds(facts.time),
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    awsRegion: "us-east-1",
    sourceIPAddress: facts.sourceIp,
    userAgent: facts.userAgent,
    userIdentity,
    requestParameters: null,
    responseElements: { ConsoleLogin: facts.outcome },
    // CloudTrail's one message for every failed sign-in, whatever failed.
    ...(facts.outcome === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    requestID: randomUUID(),
    eventID: randomUUID(),
    eventType: "AwsConsoleSignIn",
    readOnly: false,
    ...(facts.accountId ? { recipientAccountId: facts.accountId } : {}),
    managementEvent: true,
    eventCategory: "Management",
    additionalEventData: {
      LoginTo: "/console/",
      MobileVersion: "No",
      MFAUsed: facts.mfaUsed ? "Yes" : "No",
      ...(facts.reason ? { reason: facts.reason } : {}),
    },
  };
}

/**
 * The record of a console sign-out, which ends the session and its credential on the server.
 * CloudTrail has no sign-out record of its own; this one is Portcullis's, shaped as the sign-in's.
 */
export function buildConsoleSignOutEvent(
  facts: Omit<ConsoleLoginFacts, "outcome" | "mfaUsed" | "reason"> & { accessKeyId: string },
): AuditEvent {
  const { accessKeyId, ...rest } = facts;
  const event = buildConsoleLoginEvent({ ...rest, outcome: "Success", mfaUsed: false });
  return {
    ...event,
    eventName: "ConsoleSignOut",
    responseElements: { ConsoleSignOut: "Success" },
    additionalEventData: { LoginTo: "/console/", revokedAccessKeyId: accessKeyId },
  };
}
