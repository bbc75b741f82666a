// The MFA review over audit records: associations per user with their mechanism, ordered by our
// millisecond request time, the count of devices already held (recorded, or replayed from the
// trail for records without it), and the flag on an additional device added without MFA.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuditEvent } from "../domain/AuditEvent.ts";
import { reviewMfaAssociations } from "./reviewMfaAssociations.ts";

const ALICE = "arn:aws:iam::123456789012:user/alice";
const ROOT = "arn:aws:iam::123456789012:root";

function record(
  eventName: string,
  serial: string,
  who: { arn: string; session?: "mfa" | "plain" },
  extra: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    eventVersion: "1.08",
    eventTime: "2026-01-01T00:00:00Z",
    eventSource: "iam.amazonaws.com",
    eventName,
    awsRegion: "us-east-1",
    sourceIPAddress: "127.0.0.1",
    userAgent: "test",
    userIdentity: {
      type: who.arn === ROOT ? "Root" : "IAMUser",
      arn: who.arn,
      accountId: "123456789012",
      ...(who.session
        ? {
            sessionContext: {
              attributes: {
                creationDate: "2026-01-01T00:00:00Z",
                mfaAuthenticated: who.session === "mfa" ? "true" : "false",
              },
            },
          }
        : {}),
    },
    requestParameters: { userName: "alice", serialNumber: serial },
    responseElements: null,
    requestID: "r",
    eventID: "e",
    eventType: "AwsApiCall",
    readOnly: false,
    recipientAccountId: "123456789012",
    managementEvent: true,
    eventCategory: "Management",
    ...extra,
  };
}

describe("reviewMfaAssociations", () => {
  it("flags an additional device added by a long-term key alone, not the first, not one added with MFA", () => {
    const report = reviewMfaAssociations([
      record("EnableMFADevice", "mfa/a", { arn: ALICE }),
      record("EnableMFADevice", "mfa/b", { arn: ALICE, session: "mfa" }),
      record("EnableMFADevice", "mfa/c", { arn: ALICE }),
      record("EnableMFADevice", "mfa/d", { arn: ROOT }),
      record("EnableMFADevice", "mfa/x", { arn: ALICE }, { errorCode: "AccessDenied" }),
    ]);
    assert.equal(report.users.length, 1);
    const changes = report.users[0]?.changes ?? [];
    assert.deepEqual(
      changes.map((c) => [c.serialNumber, c.mechanism, c.actedOn, c.devicesBefore, Boolean(c.review)]),
      [
        ["mfa/a", "LongTermAccessKey", "Self", 0, false],
        ["mfa/b", "TemporaryCredentialsWithMFA", "Self", 1, false],
        ["mfa/c", "LongTermAccessKey", "Self", 2, true],
        ["mfa/d", "LongTermAccessKey", "AnotherUser", 3, true],
      ],
      "refused attempts are not associations",
    );
    assert.equal(report.flagged.length, 2);
    assert.match(report.flagged[1]?.review ?? "", new RegExp(`by ${ROOT}`));
  });

  it("deactivations free a slot in the replay; recorded facts win; request time orders within a second", () => {
    const report = reviewMfaAssociations([
      record(
        "EnableMFADevice",
        "mfa/b",
        { arn: ALICE },
        { additionalEventData: { requestTime: "2026-01-01T00:00:00.900Z" } },
      ),
      record(
        "DeactivateMFADevice",
        "mfa/a",
        { arn: ALICE, session: "mfa" },
        { additionalEventData: { requestTime: "2026-01-01T00:00:00.500Z" } },
      ),
      record(
        "EnableMFADevice",
        "mfa/a",
        { arn: ALICE },
        { additionalEventData: { requestTime: "2026-01-01T00:00:00.100Z" } },
      ),
      record(
        "EnableMFADevice",
        "mfa/c",
        { arn: ALICE, session: "plain" },
        {
          eventTime: "2026-01-01T00:00:01Z",
          additionalEventData: {
            assignedDevicesBefore: 0,
            mfaAuthentication: "TemporaryCredentialsWithoutMFA",
          },
        },
      ),
    ]);
    const changes = report.users[0]?.changes ?? [];
    assert.deepEqual(
      changes.map((c) => [c.eventName, c.serialNumber, c.devicesBefore]),
      [
        ["EnableMFADevice", "mfa/a", 0],
        ["DeactivateMFADevice", "mfa/a", undefined],
        ["EnableMFADevice", "mfa/b", 0],
        ["EnableMFADevice", "mfa/c", 0],
      ],
    );
    assert.equal(report.flagged.length, 0);
  });
});
