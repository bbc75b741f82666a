// One audit record, shaped like a CloudTrail event record
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
// Secrets never enter one: request parameters and response elements are redacted before this is built.

export interface AuditUserIdentity {
  type: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: {
    attributes: { creationDate: string; mfaAuthenticated: "true" | "false" };
    sessionIssuer?: { type: string; principalId: string; arn: string; accountId: string; userName: string };
  };
  /** CloudTrail's field for WebIdentityUser and SAMLUser callers: the provider that vouched. */
  identityProvider?: string;
  /** Portcullis's own field: how the caller authenticated, in words a security team can filter on. */
  credentialKind?: string;
}

export interface AuditEvent {
  eventVersion: "1.08";
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  userIdentity: AuditUserIdentity;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  requestID: string;
  eventID: string;
  /** AwsConsoleSignIn for ConsoleLogin records, as CloudTrail has it. */
  eventType: "AwsApiCall" | "AwsConsoleSignIn";
  readOnly: boolean;
  recipientAccountId?: string;
  managementEvent: true;
  eventCategory: "Management";
  /** Portcullis's own field: facts a reviewer needs that CloudTrail keeps elsewhere. */
  additionalEventData?: Record<string, unknown>;
}
