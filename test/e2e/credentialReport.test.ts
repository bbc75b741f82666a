// End-to-end: the credential report — ReportNotPresent before one exists, STARTED then COMPLETE,
// and the CSV (parsed with a CSV library) checked column by column for every row: the root first,
// users with and without passwords, keys and MFA.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import { CREDENTIAL_REPORT_COLUMNS } from "../../src/operations/iam/buildCredentialReport.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const running = useTestServer();
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

test("not present, STARTED, COMPLETE; every column of every row", async () => {
  const iam = running.iam;
  await expectAwsError(iam.send(new GetCredentialReportCommand({})), "ReportNotPresent", 410);
  await iam.send(new CreateUserCommand({ UserName: "cr-bare" }));
  await iam.send(new CreateUserCommand({ UserName: "cr-full" }));
  await iam.send(new CreateLoginProfileCommand({ UserName: "cr-full", Password: "Report-Pass-1" }));
  const k1 = await iam.send(new CreateAccessKeyCommand({ UserName: "cr-full" }));
  await iam.send(new CreateAccessKeyCommand({ UserName: "cr-full" }));
  await iam.send(
    new UpdateAccessKeyCommand({
      UserName: "cr-full",
      AccessKeyId: k1.AccessKey?.AccessKeyId,
      Status: "Inactive",
    }),
  );

  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, "STARTED");
  assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, "COMPLETE");
  const report = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(report.ReportFormat, "text/csv");
  assert.ok(report.GeneratedTime instanceof Date);
  const csv = Buffer.from(report.Content ?? new Uint8Array()).toString("utf8");
  const rows: string[][] = parse(csv);
  assert.deepEqual(rows[0], [...CREDENTIAL_REPORT_COLUMNS]);
  assert.equal(rows[0]?.length, 22);
  const [root, bare, full] = rows.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [rows[0]?.[i], v])));
  assert.equal(rows.length, 4);

  assert.equal(root?.user, "<root_account>");
  assert.equal(root?.arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:root`);
  assert.match(root?.user_creation_time ?? "", DATE);
  assert.equal(root?.password_enabled, "not_supported");
  assert.equal(root?.password_last_used, "no_information");
  assert.equal(root?.password_last_changed, "not_supported");
  assert.equal(root?.password_next_rotation, "not_supported");
  assert.equal(root?.mfa_active, "false");
  assert.equal(root?.access_key_1_active, "true");
  assert.match(root?.access_key_1_last_rotated ?? "", DATE);
  assert.equal(root?.access_key_2_active, "false");
  for (const c of [
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
    "access_key_2_last_used_region",
  ]) {
    assert.equal(root?.[c], "N/A", c);
  }
  assert.equal(root?.access_key_2_last_used_service, "N/A");
  assert.deepEqual(
    [root?.cert_1_active, root?.cert_1_last_rotated, root?.cert_2_active, root?.cert_2_last_rotated],
    ["false", "N/A", "false", "N/A"],
  );

  assert.deepEqual(bare, {
    user: "cr-bare",
    arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/cr-bare`,
    user_creation_time: bare?.user_creation_time,
    password_enabled: "false",
    password_last_used: "N/A",
    password_last_changed: "N/A",
    password_next_rotation: "N/A",
    mfa_active: "false",
    access_key_1_active: "false",
    access_key_1_last_rotated: "N/A",
    access_key_1_last_used_date: "N/A",
    access_key_1_last_used_region: "N/A",
    access_key_1_last_used_service: "N/A",
    access_key_2_active: "false",
    access_key_2_last_rotated: "N/A",
    access_key_2_last_used_date: "N/A",
    access_key_2_last_used_region: "N/A",
    access_key_2_last_used_service: "N/A",
    cert_1_active: "false",
    cert_1_last_rotated: "N/A",
    cert_2_active: "false",
    cert_2_last_rotated: "N/A",
  });
  assert.match(bare?.user_creation_time ?? "", DATE);

  assert.equal(full?.user, "cr-full");
  assert.equal(full?.password_enabled, "true");
  assert.equal(full?.password_last_used, "no_information");
  assert.match(full?.password_last_changed ?? "", DATE);
  assert.equal(full?.password_next_rotation, "N/A", "no MaxPasswordAge");
  assert.equal(full?.mfa_active, "false");
  assert.equal(full?.access_key_1_active, "false");
  assert.match(full?.access_key_1_last_rotated ?? "", DATE);
  assert.equal(full?.access_key_1_last_used_date, "N/A");
  assert.equal(full?.access_key_2_active, "true");
  assert.match(full?.access_key_2_last_rotated ?? "", DATE);
  assert.equal(full?.cert_1_active, "false");
});
