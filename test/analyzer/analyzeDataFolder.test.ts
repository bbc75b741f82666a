// End-to-end: the bulletin's account built on a running server with the AWS SDK v3 — alice, her
// long-term key and AWS's self-service MFA policy with more allowed once MFA is present — then
// `portcullis analyze --data <the server's data folder>`. While she has no device the key alone
// reaches her MFA rights (enrol, GetSessionToken); once she has one, the 2023 guard stops that.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { ALICE_ARN, buildBulletinAccount } from "../support/bulletinAccount.ts";
import { startTestServer, type TestServer } from "../support/startTestServer.ts";

const run = promisify(execFile);

interface Finding {
  kind: string;
  principal: string;
  method: string;
  path: Array<{ action: string; allowedBy: unknown[] }>;
}

async function analyze(dataDir: string): Promise<{ code: number; findings: Finding[] }> {
  const args = ["--import", "tsx", "src/cli/main.ts", "analyze", "--data", dataDir, "--format", "json"];
  try {
    const out = await run(process.execPath, args);
    return { code: 0, findings: JSON.parse(out.stdout).findings };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    assert.notEqual(e.code, 2, e.stderr);
    return { code: e.code, findings: JSON.parse(e.stdout).findings };
  }
}

describe("portcullis analyze --data, on the bulletin's account", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  test("alice's MFA bypass is reported while she has no device, and not once she has one", async () => {
    const account = await buildBulletinAccount(server.url);

    const before = await analyze(server.dataDir);
    assert.equal(before.code, 1);
    const bypass = before.findings.filter((f) => f.kind === "mfa-bypass" && f.principal === ALICE_ARN);
    assert.equal(bypass.length, 1);
    assert.equal(
      bypass[0]?.method,
      "iam:CreateVirtualMFADevice+iam:EnableMFADevice+sts:GetSessionToken+iam:CreateUser",
    );
    assert.ok(bypass[0]?.path[1]?.allowedBy.length);

    // The remediation: she enrols her first device; a second now needs MFA (the 2023 guard).
    await account.enrolFirstDevice();
    const afterwards = await analyze(server.dataDir);
    assert.deepEqual(
      afterwards.findings.filter((f) => f.kind === "mfa-bypass"),
      [],
    );
  });
});
