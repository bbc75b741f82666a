// End-to-end: the story of AWS's security bulletin of 2023-04-25, played against a running server
// with the AWS SDK v3 (and the AWS CLI where the machine has it). An administrator gives alice a
// long-term key and AWS's documented self-service MFA policy (deny everything but MFA
// self-management unless aws:MultiFactorAuthPresent, allow more with MFA). With her key alone she
// can enable her first device but not a second one (the remediation), nor deactivate one, nor
// reach the rest of IAM; with GetSessionToken and a code from her first device she can. Finally
// `portcullis audit mfa` shows her associations and how each was authenticated.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import type { MfaAssociation } from "../../src/audit/reviewMfaAssociations.ts";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable } from "../support/awsCli.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const run = promisify(execFile);

/**
 * AWS's "allow MFA-authenticated IAM users to manage their own MFA device" example
 * (IAM User Guide, reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only), with one
 * statement added: more of IAM (listing and creating users) once MFA is present.
 */
const SELF_SERVICE_MFA_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: "iam:ListVirtualMFADevices", Resource: "*" },
    {
      Sid: "AllowManageOwnVirtualMFADevice",
      Effect: "Allow",
      Action: ["iam:CreateVirtualMFADevice"],
      Resource: "arn:aws:iam::*:mfa/*",
    },
    {
      Sid: "AllowManageOwnUserMFA",
      Effect: "Allow",
      Action: [
        "iam:DeactivateMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice",
      ],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
      Resource: "arn:aws:iam::*:user/${aws:username}",
    },
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
      ],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
    {
      Sid: "AllowMoreWithMFA",
      Effect: "Allow",
      Action: ["iam:ListUsers", "iam:CreateUser"],
      Resource: "*",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    },
  ],
});

async function createDevice(iam: IAMClient, name: string): Promise<{ serial: string; app: VirtualMfaApp }> {
  const out = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  assert.ok(out.VirtualMFADevice?.SerialNumber && out.VirtualMFADevice.Base32StringSeed);
  return {
    serial: out.VirtualMFADevice.SerialNumber,
    app: new VirtualMfaApp(out.VirtualMFADevice.Base32StringSeed),
  };
}

describe("the 2023-04-25 bulletin's story, with the AWS SDK v3", () => {
  let server: TestServer;
  let admin: IAMClient;
  let aliceKey: Credentials;
  let alice: IAMClient;
  let first: { serial: string; app: VirtualMfaApp };
  let second: { serial: string; app: VirtualMfaApp };
  let mfaSession: Credentials;
  const aliceArn = `arn:aws:iam::${TEST_ACCOUNT_ID}:user/alice`;

  before(async () => {
    server = await startTestServer();
    admin = iamClient(server.url, ROOT_KEY);
  });
  after(async () => {
    await server.stop();
  });

  test("(1) the administrator creates alice, her access key, and attaches the self-service MFA policy", async () => {
    aliceKey = await createUserWithKey(server.url, "alice");
    alice = iamClient(server.url, aliceKey);
    const policy = await admin.send(
      new CreatePolicyCommand({ PolicyName: "SelfServiceMFA", PolicyDocument: SELF_SERVICE_MFA_POLICY }),
    );
    assert.ok(policy.Policy?.Arn);
    await admin.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: policy.Policy.Arn }));
  });

  test("(2) with her long-term key alone: her first device yes; IAM beyond MFA, a second device, deactivation no", async () => {
    first = await createDevice(alice, "alice-first");
    await alice.send(
      new EnableMFADeviceCommand({
        UserName: "alice",
        SerialNumber: first.serial,
        ...first.app.consecutive(),
      }),
    );
    const mine = await alice.send(new ListMFADevicesCommand({}));
    assert.deepEqual(
      mine.MFADevices?.map((d) => d.SerialNumber),
      [first.serial],
    );

    const list = await expectRefusal(alice.send(new ListUsersCommand({})));
    assert.equal(list.code, "AccessDenied");
    assert.match(list.message, /explicit deny in an identity-based policy/);
    const create = await expectRefusal(alice.send(new CreateUserCommand({ UserName: "mallory" })));
    assert.equal(create.code, "AccessDenied");

    // The remediation: the policy allows EnableMFADevice on her own user without MFA, yet a
    // second device needs MFA-authenticated credentials.
    second = await createDevice(alice, "alice-second");
    const enableSecond = await expectRefusal(
      alice.send(
        new EnableMFADeviceCommand({
          UserName: "alice",
          SerialNumber: second.serial,
          ...second.app.consecutive(),
        }),
      ),
    );
    assert.equal(enableSecond.code, "AccessDenied");
    assert.equal(enableSecond.status, 403);
    assert.match(enableSecond.message, /sts:GetSessionToken/);
    assert.match(enableSecond.message, /existing MFA device/);

    const deactivate = await expectRefusal(
      alice.send(new DeactivateMFADeviceCommand({ UserName: "alice", SerialNumber: first.serial })),
    );
    assert.equal(deactivate.code, "AccessDenied");
    const still = await alice.send(new ListMFADevicesCommand({}));
    assert.equal(still.MFADevices?.length, 1);
  });

  test("(3) with GetSessionToken and a code from her first device: a second device, a new user, a deactivation", async () => {
    const sts = stsClient(server.url, aliceKey);
    const code = first.app.code(1);
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: first.serial, TokenCode: code }));
    const c = out.Credentials;
    assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
    assert.match(c.AccessKeyId, /^ASIA/);
    mfaSession = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };

    // A reused code, a wrong code, and a code from a device that is not hers are refused.
    const reused = await expectRefusal(
      sts.send(new GetSessionTokenCommand({ SerialNumber: first.serial, TokenCode: code })),
    );
    assert.equal(reused.code, "AccessDenied");
    const wrong = await expectRefusal(
      sts.send(
        new GetSessionTokenCommand({
          SerialNumber: first.serial,
          TokenCode: code === "000000" ? "999999" : "000000",
        }),
      ),
    );
    assert.equal(wrong.code, "AccessDenied");
    await admin.send(new CreateUserCommand({ UserName: "bob" }));
    const bobs = await createDevice(admin, "bob-phone");
    await admin.send(
      new EnableMFADeviceCommand({ UserName: "bob", SerialNumber: bobs.serial, ...bobs.app.consecutive() }),
    );
    const foreign = await expectRefusal(
      sts.send(new GetSessionTokenCommand({ SerialNumber: bobs.serial, TokenCode: bobs.app.code(1) })),
    );
    assert.equal(foreign.code, "AccessDenied");

    const withMfa = iamClient(server.url, mfaSession);
    await withMfa.send(
      new EnableMFADeviceCommand({
        UserName: "alice",
        SerialNumber: second.serial,
        ...second.app.consecutive(),
      }),
    );
    const created = await withMfa.send(new CreateUserCommand({ UserName: "carol" }));
    assert.equal(created.User?.UserName, "carol");
    const users = await withMfa.send(new ListUsersCommand({}));
    assert.ok(users.Users?.some((u) => u.UserName === "carol"));
    await withMfa.send(new DeactivateMFADeviceCommand({ UserName: "alice", SerialNumber: first.serial }));
    const now = await withMfa.send(new ListMFADevicesCommand({}));
    assert.deepEqual(
      now.MFADevices?.map((d) => d.SerialNumber),
      [second.serial],
    );
  });

  test("(4) `portcullis audit mfa` shows her associations and their mechanisms, and flags one added by a key alone", async () => {
    // An administrator's long-term key adding a device to alice, who already has one: allowed by
    // policy (root), and exactly what the review should surface.
    const third = await createDevice(admin, "alice-third");
    await admin.send(
      new EnableMFADeviceCommand({
        UserName: "alice",
        SerialNumber: third.serial,
        ...third.app.consecutive(),
      }),
    );

    const cli = ["--import", "tsx", "src/cli/main.ts", "audit", "mfa", "--data", server.dataDir];
    const json = await run(process.execPath, [...cli, "--json"], { cwd: process.cwd() });
    const changes = json.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as MfaAssociation);
    const alices = changes.filter((c) => c.user === aliceArn);
    assert.deepEqual(
      alices.map((c) => [
        c.eventName,
        c.serialNumber,
        c.mechanism,
        c.actedOn,
        c.devicesBefore ?? null,
        Boolean(c.review),
      ]),
      [
        ["EnableMFADevice", first.serial, "LongTermAccessKey", "Self", 0, false],
        ["EnableMFADevice", second.serial, "TemporaryCredentialsWithMFA", "Self", 1, false],
        ["DeactivateMFADevice", first.serial, "TemporaryCredentialsWithMFA", "Self", null, false],
        ["EnableMFADevice", third.serial, "LongTermAccessKey", "AnotherUser", 1, true],
      ],
    );
    assert.ok(changes.some((c) => c.user.endsWith(":user/bob") && c.actedOn === "AnotherUser" && !c.review));

    const text = await run(process.execPath, cli, { cwd: process.cwd() });
    assert.match(text.stdout, new RegExp(`${aliceArn}\\n`));
    assert.match(text.stdout, /associated .*alice-first {2}via LongTermAccessKey by the user, first device/);
    assert.match(text.stdout, /REVIEW: additional MFA device associated by a long-term access key alone/);
    assert.match(text.stdout, /1 MFA association\(s\) to review\./);
  });
});

const cliAvailable = await awsCliAvailable();

describe("the bulletin's remediation, with the AWS CLI", {
  skip: cliAvailable ? false : AWS_CLI_MISSING,
}, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  const aws = (creds: Credentials, ...args: string[]) => awsCli(server.url, creds, ...args);

  test("first device with a key; second refused until get-session-token with a code; then allowed", async () => {
    assert.ok((await aws(ROOT_KEY, "iam", "create-user", "--user-name", "cli-alice")).ok);
    const policy = await aws(
      ROOT_KEY,
      "iam",
      "create-policy",
      "--policy-name",
      "SelfServiceMFA",
      "--policy-document",
      SELF_SERVICE_MFA_POLICY,
    );
    assert.ok(policy.ok, policy.ok ? "" : policy.stderr);
    assert.ok(
      (
        await aws(
          ROOT_KEY,
          "iam",
          "attach-user-policy",
          "--user-name",
          "cli-alice",
          "--policy-arn",
          policy.json.Policy.Arn,
        )
      ).ok,
    );
    const key = await aws(ROOT_KEY, "iam", "create-access-key", "--user-name", "cli-alice");
    assert.ok(key.ok);
    const creds = {
      accessKeyId: key.json.AccessKey.AccessKeyId,
      secretAccessKey: key.json.AccessKey.SecretAccessKey,
    };

    // The CLI writes the seed to --outfile, as AWS documents; the "app" reads it from there.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-cli-mfa-"));
    const withSeed = async (name: string) => {
      const file = path.join(dir, `${name}.txt`);
      const out = await aws(
        creds,
        "iam",
        "create-virtual-mfa-device",
        "--virtual-mfa-device-name",
        name,
        "--outfile",
        file,
        "--bootstrap-method",
        "Base32StringSeed",
      );
      assert.ok(out.ok, out.ok ? "" : out.stderr);
      const seed = fs.readFileSync(file);
      return { serial: out.json.VirtualMFADevice.SerialNumber as string, app: new VirtualMfaApp(seed) };
    };
    const first = await withSeed("cli-first");
    const second = await withSeed("cli-second");
    const enable = (c: Credentials, d: { serial: string; app: VirtualMfaApp }) => {
      const codes = d.app.consecutive();
      return aws(
        c,
        "iam",
        "enable-mfa-device",
        "--user-name",
        "cli-alice",
        "--serial-number",
        d.serial,
        "--authentication-code1",
        codes.AuthenticationCode1,
        "--authentication-code2",
        codes.AuthenticationCode2,
      );
    };
    assert.ok((await enable(creds, first)).ok);
    const refused = await enable(creds, second);
    assert.ok(!refused.ok);
    assert.match(refused.stderr, /AccessDenied/);
    assert.match(refused.stderr, /sts:GetSessionToken/);

    const token = await aws(
      creds,
      "sts",
      "get-session-token",
      "--serial-number",
      first.serial,
      "--token-code",
      first.app.code(1),
    );
    assert.ok(token.ok, token.ok ? "" : token.stderr);
    const session = {
      accessKeyId: token.json.Credentials.AccessKeyId,
      secretAccessKey: token.json.Credentials.SecretAccessKey,
      sessionToken: token.json.Credentials.SessionToken,
    };
    const allowed = await enable(session, second);
    assert.ok(allowed.ok, allowed.ok ? "" : allowed.stderr);
    const listed = await aws(session, "iam", "list-mfa-devices");
    assert.ok(listed.ok);
    assert.equal(listed.json.MFADevices.length, 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
