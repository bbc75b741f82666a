// End-to-end: the bulletin's account built on a running server with the AWS SDK v3 — alice, her
// long-term key and AWS's self-service MFA policy with more allowed once MFA is present — then
// `portcullis analyze --data <the server's data folder>`. While she has no device the key alone
// reaches her MFA rights (enrol, GetSessionToken); once she has one, the 2023 guard stops that.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const run = promisify(execFile);
const bulletin = JSON.parse(
  fs.readFileSync(
    path.join(import.meta.dirname, "..", "conformance", "analyzer", "cases", "mfa-bypass-first-device.json"),
    "utf8",
  ),
);
/** AWS's self-service MFA policy with more allowed under MFA, as the conformance case holds it. */
const POLICY = JSON.stringify(bulletin.authorizationDetails.Policies[0].PolicyVersionList[0].Document);
const aliceArn = `arn:aws:iam::${TEST_ACCOUNT_ID}:user/alice`;

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
    const admin = iamClient(server.url, ROOT_KEY);
    const aliceKey = await createUserWithKey(server.url, "alice");
    const policy = await admin.send(
      new CreatePolicyCommand({ PolicyName: "SelfServiceMFA", PolicyDocument: POLICY }),
    );
    await admin.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: policy.Policy?.Arn }));

    const before = await analyze(server.dataDir);
    assert.equal(before.code, 1);
    const bypass = before.findings.filter((f) => f.kind === "mfa-bypass" && f.principal === aliceArn);
    assert.equal(bypass.length, 1);
    assert.equal(
      bypass[0]?.method,
      "iam:CreateVirtualMFADevice+iam:EnableMFADevice+sts:GetSessionToken+iam:CreateUser",
    );
    assert.ok(bypass[0]?.path[1]?.allowedBy.length);

    // The remediation: she enrols her first device; a second now needs MFA (the 2023 guard).
    const alice = iamClient(server.url, aliceKey);
    const device = await alice.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "alice-phone" }),
    );
    const app = new VirtualMfaApp(device.VirtualMFADevice?.Base32StringSeed as Uint8Array);
    await alice.send(
      new EnableMFADeviceCommand({
        UserName: "alice",
        SerialNumber: device.VirtualMFADevice?.SerialNumber,
        ...app.consecutive(),
      }),
    );
    const afterwards = await analyze(server.dataDir);
    assert.deepEqual(
      afterwards.findings.filter((f) => f.kind === "mfa-bypass"),
      [],
    );
  });
});
