// Builds the CloudTrail-shaped record of one request, success or failure. The caller identity
// says how the request was authenticated, which is what a review of MFA changes turns on.

import { randomUUID } from "node:crypto";
import type { AuditEvent, AuditUserIdentity } from "../domain/AuditEvent.ts";
import { isoSeconds } from "../domain/isoSeconds.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import { AUDIT_MESSAGE_LIMIT, boundAuditSection, truncateText } from "./boundAuditFields.ts";

export interface AuditFacts {
  time: Date;
  service: "iam" | "sts";
  eventName: string;
  region: string;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  caller?: CallerIdentity;
  /** For failures before a caller is known: the key id the request claimed. */
  claimedAccessKeyId?: string;
  readOnly: boolean;
  input?: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  details?: Record<string, unknown>;
}

const CREDENTIAL_KIND_LABEL = {
  "long-term-key": "LongTermAccessKey",
  session: "TemporaryCredentials",
  console: "ConsoleSession",
  "identity-token": "IdentityProviderToken",
} as const;

export function userIdentityOf(caller: CallerIdentity): AuditUserIdentity {
  // Built by assignment, not by spreading optional parts: every request builds one.
  const identity: AuditUserIdentity = {
    type: caller.type,
    principalId: caller.principalId,
    arn: caller.arn,
    accountId: caller.accountId,
  };
  if (caller.credential.accessKeyId) identity.accessKeyId = caller.credential.accessKeyId;
  if (caller.userName) identity.userName = caller.userName;
  if (caller.identityProvider) identity.identityProvider = caller.identityProvider.providerArn;
  identity.credentialKind = CREDENTIAL_KIND_LABEL[caller.credential.kind];
  if (caller.credential.kind !== "long-term-key" && caller.credential.kind !== "identity-token") {
    identity.sessionContext = {
      attributes: {
        creationDate: isoSeconds(caller.credential.issuedAt ?? new Date(0)),
        mfaAuthenticated: caller.credential.mfaAuthenticatedAt ? "true" : "false",
      },
    };
  }
  return identity;
}

export function buildAuditEvent(facts: AuditFacts): AuditEvent {
  let userIdentity: AuditUserIdentity;
  if (facts.caller) userIdentity = userIdentityOf(facts.caller);
  else {
    userIdentity = { type: "Unknown" };
    if (facts.claimedAccessKeyId) userIdentity.accessKeyId = truncateText(facts.claimedAccessKeyId, 128);
  }
  const event: AuditEvent = {
    eventVersion: "1.08",
    eventTime: isoSeconds(facts.time),
    eventSource: `${facts.service}.amazonaws.com`,
    eventName: facts.eventName,
    awsRegion: facts.region,
    sourceIPAddress: facts.sourceIp,
    userAgent: facts.userAgent,
    userIdentity,
    requestParameters: facts.input ? boundAuditSection(facts.input) : null,
    // CloudTrail keeps response elements for changes only; a read's record has none.
    responseElements: facts.output && !facts.readOnly ? boundAuditSection(facts.output) : null,
    requestID: facts.requestId,
    eventID: randomUUID(),
    eventType: "AwsApiCall",
    readOnly: facts.readOnly,
    managementEvent: true,
    eventCategory: "Management",
  };
  if (facts.caller) event.recipientAccountId = facts.caller.accountId;
  if (facts.error) {
    event.errorCode = facts.error.code;
    // A refusal's message may quote what the client sent (an Authorization header): kept short.
    event.errorMessage = truncateText(facts.error.message, AUDIT_MESSAGE_LIMIT);
  }
  if (facts.details && Object.keys(facts.details).length > 0) event.additionalEventData = facts.details;
  return event;
}
