// Tests of the Query XML serializers: exact response shapes, element order, escaping, timestamps.

import assert from "node:assert/strict";
import { test } from "node:test";
import { iamModel } from "../generated/iam/iamModel.ts";
import type { OperationModel } from "../generated/ServiceModel.ts";
import { serializeErrorResponse } from "./serializeErrorResponse.ts";
import { serializeQueryResponse } from "./serializeQueryResponse.ts";

const ns = "https://iam.amazonaws.com/doc/2010-05-08/";
const metadata = "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>";

function op(name: string): OperationModel {
  const found = iamModel.operations[name];
  assert.ok(found, name);
  return found;
}

test("responses: result wrapper, model member order, lists, omitted members, no-output operations", () => {
  const cases: { name: string; output: unknown; xml: string }[] = [
    {
      name: "CreateUser",
      output: {
        User: {
          // Deliberately out of model order, with an undefined and a null member.
          Arn: "arn:aws:iam::123456789012:user/alice",
          UserName: "alice",
          Path: "/",
          UserId: "AIDAEXAMPLE",
          CreateDate: new Date("2024-01-01T00:00:00.123Z"),
          PasswordLastUsed: undefined,
          PermissionsBoundary: null,
          Tags: [{ Key: "team", Value: "a<b & c>\"d'" }],
        },
      },
      xml:
        `<CreateUserResponse xmlns="${ns}"><CreateUserResult><User><Path>/</Path><UserName>alice</UserName>` +
        "<UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn>" +
        "<CreateDate>2024-01-01T00:00:00Z</CreateDate>" +
        "<Tags><member><Key>team</Key><Value>a&lt;b &amp; c&gt;&quot;d&apos;</Value></member></Tags>" +
        `</User></CreateUserResult>${metadata}</CreateUserResponse>`,
    },
    {
      name: "ListUsers",
      output: { Users: [], IsTruncated: false },
      xml: `<ListUsersResponse xmlns="${ns}"><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult>${metadata}</ListUsersResponse>`,
    },
    {
      name: "DeleteUser",
      output: undefined,
      xml: `<DeleteUserResponse xmlns="${ns}">${metadata}</DeleteUserResponse>`,
    },
    {
      name: "GetAccountSummary",
      output: { SummaryMap: { Users: 3, Groups: 0 } },
      xml:
        `<GetAccountSummaryResponse xmlns="${ns}"><GetAccountSummaryResult><SummaryMap>` +
        "<entry><key>Users</key><value>3</value></entry><entry><key>Groups</key><value>0</value></entry>" +
        `</SummaryMap></GetAccountSummaryResult>${metadata}</GetAccountSummaryResponse>`,
    },
    {
      name: "GetCredentialReport",
      output: { Content: new Uint8Array([104, 105]), ReportFormat: "text/csv" },
      xml:
        `<GetCredentialReportResponse xmlns="${ns}"><GetCredentialReportResult><Content>aGk=</Content>` +
        `<ReportFormat>text/csv</ReportFormat></GetCredentialReportResult>${metadata}</GetCredentialReportResponse>`,
    },
  ];
  for (const c of cases) {
    assert.equal(serializeQueryResponse(iamModel, op(c.name), c.output, "req-1"), c.xml, c.name);
  }
});

test("error responses", () => {
  assert.equal(
    serializeErrorResponse(
      { fault: "Sender", code: "NoSuchEntity", message: "The user with name <x> cannot be found." },
      "rid",
      ns,
    ),
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
      "<Message>The user with name &lt;x&gt; cannot be found.</Message></Error><RequestId>rid</RequestId></ErrorResponse>",
  );
});
