// sts:AssumeRole end to end with the AWS SDK v3, decided as AWS documents: the trust policy must
// always allow; same-account trust naming the caller suffices alone, naming the account needs the
// caller's identity policy too; across accounts both sides must allow. Role sessions act with the
// role's policies ∩ session policies, carry tags (transitive ones through chaining), are capped
// at one hour when chained, and cannot slip past the 2023 MFA remediation for the user who
// opened them.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AttachUserPolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  type Credentials as StsCredentials,
} from "@aws-sdk/client-sts";
import { createAccount } from "../../src/server/createAccount.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";
import { msUntilNextStep, VirtualMfaApp } from "../support/virtualMfa.ts";

const ctx = useTestServer();
const A = TEST_ACCOUNT_ID;

function trust(
  principal: unknown,
  extra: Record<string, unknown> = {},
  actions: string[] = ["sts:AssumeRole"],
) {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: actions, ...extra }],
  });
}

function allow(action: string | string[], resource = "*", extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }],
  });
}

function asSession(c: StsCredentials | undefined): Credentials {
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

async function createRole(name: string, trustPolicy: string, policy?: string, maxSessionDuration?: number) {
  const { Role } = await ctx.iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trustPolicy,
      ...(maxSessionDuration ? { MaxSessionDuration: maxSessionDuration } : {}),
    }),
  );
  if (policy)
    await ctx.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "p", PolicyDocument: policy }));
  assert.ok(Role?.Arn && Role.RoleId);
  return Role;
}

describe("AssumeRole", () => {
  test("a trust policy naming the user allows it alone; the session is the role's, with AWS's ids", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "direct-user");
    const role = await createRole(
      "direct",
      trust(`arn:aws:iam::${A}:user/direct-user`),
      allow("iam:ListUsers"),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "s1" }),
    );
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${A}:assumed-role/direct/s1`);
    assert.equal(out.AssumedRoleUser?.AssumedRoleId, `${role.RoleId}:s1`);
    assert.match(out.Credentials?.AccessKeyId ?? "", /^ASIA[A-Z0-9]{16}$/);
    const session = asSession(out.Credentials);
    const who = await stsClient(url, session).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${A}:assumed-role/direct/s1`);
    assert.equal(who.UserId, `${role.RoleId}:s1`);
    assert.equal(who.Account, A);
    // The role's policy allows ListUsers and nothing else.
    await iamClient(url, session).send(new ListUsersCommand({}));
    await expectAwsError(
      iamClient(url, session).send(new CreateUserCommand({ UserName: "nope" })),
      "AccessDenied",
      403,
      `User: arn:aws:sts::${A}:assumed-role/direct/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/nope because no identity-based policy allows the iam:CreateUser action`,
    );
    // GetRole shows the last use.
    const { Role } = await ctx.iam.send(new GetRoleCommand({ RoleName: "direct" }));
    assert.ok(Role?.RoleLastUsed?.LastUsedDate);
  });

  test("a trust policy naming the account needs the caller's identity policy too", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "delegated-user");
    const role = await createRole("delegated", trust(`arn:aws:iam::${A}:root`));
    await expectAwsError(
      stsClient(url, key).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" })),
      "AccessDenied",
      403,
    );
    await ctx.iam.send(
      new PutUserPolicyCommand({
        UserName: "delegated-user",
        PolicyName: "assume",
        PolicyDocument: allow("sts:AssumeRole", role.Arn),
      }),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" }),
    );
    assert.ok(out.Credentials?.SessionToken);
  });

  test("an identity policy alone never suffices: the trust policy must allow", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "untrusted-user");
    await ctx.iam.send(
      new AttachUserPolicyCommand({
        UserName: "untrusted-user",
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    );
    const role = await createRole("trusts-other", trust(`arn:aws:iam::${A}:user/someone-else`));
    await expectAwsError(
      stsClient(url, key).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" })),
      "AccessDenied",
      403,
    );
    // A role that does not exist is refused the same way: nothing tells which roles exist.
    await expectAwsError(
      stsClient(url, key).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${A}:role/no-such-role`,
          RoleSessionName: "ss-session",
        }),
      ),
      "AccessDenied",
      403,
    );
    await expectAwsError(
      stsClient(url, ROOT_KEY).send(
        new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" }),
      ),
      "AccessDenied",
      403,
      "Roles may not be assumed by root accounts.",
    );
  });

  test("a session policy narrows the role session", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "narrowed-user");
    const role = await createRole(
      "broad",
      trust(`arn:aws:iam::${A}:user/narrowed-user`),
      allow(["iam:ListUsers", "iam:ListRoles"]),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "narrow", Policy: allow("iam:ListRoles") }),
    );
    assert.ok((out.PackedPolicySize ?? 0) > 0);
    const iam = iamClient(url, asSession(out.Credentials));
    await expectAwsError(iam.send(new ListUsersCommand({})), "AccessDenied", 403, /session policy/);
    await expectAwsError(
      stsClient(url, key).send(
        new AssumeRoleCommand({
          RoleArn: role.Arn,
          RoleSessionName: "bad",
          Policy: '{"Version":"2012-10-17"',
        }),
      ),
      "MalformedPolicyDocument",
      400,
    );
  });

  test("a trust policy requiring MFA refuses a long-term key alone and takes a code, once", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "mfa-user");
    const device = await ctx.iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "mfa-user-phone" }),
    );
    const serial = device.VirtualMFADevice?.SerialNumber as string;
    const app = new VirtualMfaApp(device.VirtualMFADevice?.Base32StringSeed as Uint8Array);
    await ctx.iam.send(
      new EnableMFADeviceCommand({ UserName: "mfa-user", SerialNumber: serial, ...app.consecutive() }),
    );
    const role = await createRole(
      "needs-mfa",
      trust(`arn:aws:iam::${A}:user/mfa-user`, {
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      }),
      allow("iam:ListUsers", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
    );
    const sts = stsClient(url, key);
    await expectAwsError(
      sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" })),
      "AccessDenied",
      403,
    );
    // The enable spent this step's code; wait for a fresh one.
    await new Promise((r) => setTimeout(r, msUntilNextStep() + 50));
    const code = app.code();
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role.Arn,
        RoleSessionName: "ss-session",
        SerialNumber: serial,
        TokenCode: code,
      }),
    );
    // The session carries MFA: the role's MFA-conditioned policy allows.
    await iamClient(url, asSession(out.Credentials)).send(new ListUsersCommand({}));
    await expectAwsError(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: role.Arn,
          RoleSessionName: "ss-session",
          SerialNumber: serial,
          TokenCode: code,
        }),
      ),
      "AccessDenied",
      403,
      "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    );
  });

  test("cross-account: allowed only when the trust in B and the identity policy in A both allow", async () => {
    const { url, server } = ctx.server;
    const b = await createAccount(server.data.store, server.data.sealer, { accountId: "444455556666" });
    const rootB = iamClient(url, { accessKeyId: b.accessKeyId, secretAccessKey: b.secretAccessKey });
    const { Role } = await rootB.send(
      new CreateRoleCommand({
        RoleName: "from-a",
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${A}:root`),
      }),
    );
    await rootB.send(
      new PutRolePolicyCommand({
        RoleName: "from-a",
        PolicyName: "p",
        PolicyDocument: allow("iam:ListRoles"),
      }),
    );
    const roleArn = Role?.Arn as string;
    assert.equal(roleArn, "arn:aws:iam::444455556666:role/from-a");
    const key = await createUserWithKey(url, "cross-user");
    // Trust allows account A, but A's user has no identity policy for it.
    await expectAwsError(
      stsClient(url, key).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "xx-session" })),
      "AccessDenied",
      403,
    );
    await ctx.iam.send(
      new PutUserPolicyCommand({
        UserName: "cross-user",
        PolicyName: "assume",
        PolicyDocument: allow("sts:AssumeRole", roleArn),
      }),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "xx-session" }),
    );
    assert.equal(out.AssumedRoleUser?.Arn, "arn:aws:sts::444455556666:assumed-role/from-a/xx-session");
    const session = asSession(out.Credentials);
    const who = await stsClient(url, session).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, "444455556666");
    // The session lives in B: it sees B's roles, not A's.
    const roles = await iamClient(url, session).send(
      new (await import("@aws-sdk/client-iam")).ListRolesCommand({}),
    );
    assert.deepEqual(
      roles.Roles?.map((r) => r.RoleName),
      ["from-a"],
    );
    // A role in B whose trust does not name A refuses even with A's identity policy.
    const { Role: closed } = await rootB.send(
      new CreateRoleCommand({
        RoleName: "b-only",
        AssumeRolePolicyDocument: trust("arn:aws:iam::444455556666:root"),
      }),
    );
    await ctx.iam.send(
      new PutUserPolicyCommand({
        UserName: "cross-user",
        PolicyName: "assume-all",
        PolicyDocument: allow("sts:AssumeRole"),
      }),
    );
    await expectAwsError(
      stsClient(url, key).send(
        new AssumeRoleCommand({ RoleArn: closed?.Arn, RoleSessionName: "xx-session" }),
      ),
      "AccessDenied",
      403,
    );
  });

  test("durations: up to MaxSessionDuration, one hour when chaining; transitive tags pass on", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "chain-user");
    const first = await createRole(
      "chain-first",
      trust(`arn:aws:iam::${A}:user/chain-user`, {}, ["sts:AssumeRole", "sts:TagSession"]),
      allow("sts:AssumeRole"),
      7200,
    );
    const second = await createRole(
      "chain-second",
      trust(`arn:aws:iam::${A}:role/chain-first`, {}, ["sts:AssumeRole", "sts:TagSession"]),
      allow("iam:ListUsers", "*", { Condition: { StringEquals: { "aws:PrincipalTag/team": "red" } } }),
    );
    const sts = stsClient(url, key);
    await expectAwsError(
      sts.send(
        new AssumeRoleCommand({ RoleArn: first.Arn, RoleSessionName: "ss-session", DurationSeconds: 7201 }),
      ),
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: first.Arn,
        RoleSessionName: "ss-session",
        DurationSeconds: 7200,
        Tags: [{ Key: "team", Value: "red" }],
        TransitiveTagKeys: ["team"],
      }),
    );
    const firstSession = stsClient(url, asSession(out.Credentials));
    await expectAwsError(
      firstSession.send(
        new AssumeRoleCommand({ RoleArn: second.Arn, RoleSessionName: "tt-session", DurationSeconds: 3601 }),
      ),
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
    const chained = await firstSession.send(
      new AssumeRoleCommand({ RoleArn: second.Arn, RoleSessionName: "tt-session" }),
    );
    const expires = chained.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(expires - Date.now() <= 3_600_000 + 5_000);
    // The transitive tag team=red reached the second session: its tag-conditioned policy allows.
    await iamClient(url, asSession(chained.Credentials)).send(new ListUsersCommand({}));
    // A transitive tag cannot be set again down the chain.
    await expectAwsError(
      firstSession.send(
        new AssumeRoleCommand({
          RoleArn: second.Arn,
          RoleSessionName: "uu-session",
          Tags: [{ Key: "team", Value: "blue" }],
        }),
      ),
      "InvalidParameterValue",
      400,
    );
  });

  test("session tags need sts:TagSession in the trust policy", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "tagging-user");
    const role = await createRole("no-tags", trust(`arn:aws:iam::${A}:user/tagging-user`));
    await expectAwsError(
      stsClient(url, key).send(
        new AssumeRoleCommand({
          RoleArn: role.Arn,
          RoleSessionName: "ss-session",
          Tags: [{ Key: "k", Value: "v" }],
        }),
      ),
      "AccessDenied",
      403,
      /sts:TagSession/,
    );
  });

  test("ExternalId is the sts:ExternalId condition key", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "vendor-user");
    const role = await createRole(
      "vendor",
      trust(`arn:aws:iam::${A}:user/vendor-user`, {
        Condition: { StringEquals: { "sts:ExternalId": "ext-123" } },
      }),
    );
    const sts = stsClient(url, key);
    await expectAwsError(
      sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" })),
      "AccessDenied",
      403,
    );
    await expectAwsError(
      sts.send(
        new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session", ExternalId: "wrong" }),
      ),
      "AccessDenied",
      403,
    );
    await sts.send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session", ExternalId: "ext-123" }),
    );
  });

  test("a deleted role's sessions stop working", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "doomed-user");
    const role = await createRole(
      "doomed",
      trust(`arn:aws:iam::${A}:user/doomed-user`),
      allow("iam:ListUsers"),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" }),
    );
    const iam = iamClient(url, asSession(out.Credentials));
    await iam.send(new ListUsersCommand({}));
    await ctx.iam.send(new DeleteRolePolicyCommand({ RoleName: "doomed", PolicyName: "p" }));
    await ctx.iam.send(new DeleteRoleCommand({ RoleName: "doomed" }));
    await expectAwsError(iam.send(new ListUsersCommand({})), "InvalidClientTokenId", 403);
  });

  test("a role session cannot slip past the 2023 remediation for the user who opened it", async () => {
    const { url } = ctx.server;
    const key = await createUserWithKey(url, "laundering-user");
    // Her first device, enabled with her key alone: allowed, as the remediation allows a first device.
    const first = await ctx.iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "launder-1" }),
    );
    const firstApp = new VirtualMfaApp(first.VirtualMFADevice?.Base32StringSeed as Uint8Array);
    await ctx.iam.send(
      new EnableMFADeviceCommand({
        UserName: "laundering-user",
        SerialNumber: first.VirtualMFADevice?.SerialNumber,
        ...firstApp.consecutive(),
      }),
    );
    // A role she may assume without MFA, whose policy may enable MFA devices on her user.
    const role = await createRole(
      "mfa-admin",
      trust(`arn:aws:iam::${A}:user/laundering-user`),
      allow(["iam:EnableMFADevice", "iam:CreateVirtualMFADevice"], "*"),
    );
    const out = await stsClient(url, key).send(
      new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "ss-session" }),
    );
    const session = iamClient(url, asSession(out.Credentials));
    const second = await session.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "launder-2" }),
    );
    const secondApp = new VirtualMfaApp(second.VirtualMFADevice?.Base32StringSeed as Uint8Array);
    await expectAwsError(
      session.send(
        new EnableMFADeviceCommand({
          UserName: "laundering-user",
          SerialNumber: second.VirtualMFADevice?.SerialNumber,
          ...secondApp.consecutive(),
        }),
      ),
      "AccessDenied",
      403,
      /already has an MFA device and the request was not authenticated with MFA/,
    );
  });
});
