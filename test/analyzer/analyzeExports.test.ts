// End-to-end through AWS's own export files: the bulletin's account built on a running server
// with the AWS SDK, exported with the AWS CLI (`aws iam get-account-authorization-details` and the
// decoded credential report, exactly what a security team runs against real AWS), then
// `portcullis analyze --authorization-details F --credential-report F`. Alice's MFA bypass is
// reported while she has no device and not once she has one.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { AWS_CLI_MISSING, awsCliAvailable, awsCliJson } from "../support/awsCli.ts";
import { ALICE_ARN, buildBulletinAccount } from "../support/bulletinAccount.ts";
import { ROOT_KEY, startTestServer } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const run = promisify(execFile);
const available = await awsCliAvailable();
const ctx = useTestServer();

/** Exports the account as a security team would, and analyzes the files. */
async function exportAndAnalyze(
  url: string,
  dir: string,
): Promise<{ code: number; findings: { kind: string; principal: string }[] }> {
  const details = await awsCliJson(url, ROOT_KEY, "iam", "get-account-authorization-details");
  const detailsFile = path.join(dir, "authorization-details.json");
  fs.writeFileSync(detailsFile, JSON.stringify(details, null, 2));
  await awsCliJson(url, ROOT_KEY, "iam", "generate-credential-report");
  const report = await awsCliJson(url, ROOT_KEY, "iam", "get-credential-report");
  const reportFile = path.join(dir, "credential-report.csv");
  fs.writeFileSync(reportFile, Buffer.from(report.Content, "base64"));
  const args = [
    "--import",
    "tsx",
    "src/cli/main.ts",
    "analyze",
    "--authorization-details",
    detailsFile,
    "--credential-report",
    reportFile,
    "--format",
    "json",
  ];
  try {
    const out = await run(process.execPath, args);
    return { code: 0, findings: JSON.parse(out.stdout).findings };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    assert.notEqual(e.code, 2, e.stderr);
    return { code: e.code, findings: JSON.parse(e.stdout).findings };
  }
}

describe("portcullis analyze on AWS's export files", { skip: available ? false : AWS_CLI_MISSING }, () => {
  test("the bulletin's MFA bypass is found while alice has no device", async () => {
    const { url } = ctx.server;
    await buildBulletinAccount(url);
    const found = await exportAndAnalyze(url, fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-exports-")));
    assert.equal(found.code, 1);
    assert.equal(
      found.findings.filter((f) => f.kind === "mfa-bypass" && f.principal === ALICE_ARN).length,
      1,
    );
  });

  test("and not in an account where she has her device (the credential report says so)", async () => {
    // Another server: the credential report is regenerated at most every 4 hours, as AWS does,
    // so the same account's report would still describe her before she enrolled.
    const other = await startTestServer();
    try {
      await (await buildBulletinAccount(other.url)).enrolFirstDevice();
      const found = await exportAndAnalyze(
        other.url,
        fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-exports-")),
      );
      assert.deepEqual(
        found.findings.filter((f) => f.kind === "mfa-bypass"),
        [],
      );
    } finally {
      await other.stop();
    }
  });
});
