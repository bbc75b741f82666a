// End-to-end: GetFederationToken with the AWS SDK v3 — a user's long-term key (or root's, capped at
// one hour) gets a federated-user session named as AWS names it; the session may call no IAM
// operation (so not manage the calling user's MFA either: an enabled device survives every
// attempt, even where both policies allow everything) and, of STS, only GetCallerIdentity; session
// credentials cannot ask for one. The intersection: the very token the server issued, resolved by
// the server's credential resolver and policy loader, allows only what both the user's policies
// and the passed session policy allow, and nothing without a session policy.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
} from "@aws-sdk/client-iam";
import {
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import type { SigV4Claim } from "../../src/auth/sigv4/SigV4Claim.ts";
import { requestPrincipalOf } from "../../src/authorization/requestPrincipalOf.ts";
import { awsManagedPolicySource } from "../../src/domain/awsManagedPolicyCatalog.ts";
import { evaluatePolicies } from "../../src/policy/index.ts";
import { PolicyResolver } from "../../src/server/authorization/PolicyResolver.ts";
import { CredentialResolver } from "../../src/server/CredentialResolver.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const running = useTestServer();

const USER_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "sts:GetFederationToken", Resource: "*" },
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" },
  ],
});
const ALLOW_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});
const SESSION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "sqs:SendMessage"], Resource: "*" }],
});

function sessionOf(out: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
}): Credentials {
  return {
    accessKeyId: out.Credentials?.AccessKeyId ?? "",
    secretAccessKey: out.Credentials?.SecretAccessKey ?? "",
    sessionToken: out.Credentials?.SessionToken ?? "",
  };
}

describe("GetFederationToken", () => {
  let userKey: Credentials;

  test("a user's long-term key gets a federated-user session named as AWS names it", async () => {
    userKey = await createUserWithKey(running.server.url, "proxy");
    await running.iam.send(
      new PutUserPolicyCommand({ UserName: "proxy", PolicyName: "p", PolicyDocument: USER_POLICY }),
    );
    const before = Date.now();
    const out = await stsClient(running.server.url, userKey).send(
      new GetFederationTokenCommand({ Name: "bob", Policy: SESSION_POLICY, DurationSeconds: 7200 }),
    );
    assert.equal(out.FederatedUser?.Arn, `arn:aws:sts::${TEST_ACCOUNT_ID}:federated-user/bob`);
    assert.equal(out.FederatedUser?.FederatedUserId, `${TEST_ACCOUNT_ID}:bob`);
    assert.ok(out.Credentials?.AccessKeyId?.startsWith("ASIA"));
    const lasts = (out.Credentials?.Expiration?.getTime() ?? 0) - before;
    assert.ok(lasts > 7_100_000 && lasts <= 7_201_000, `lasts ${lasts} ms`);
    assert.equal(typeof out.PackedPolicySize, "number");

    const me = await stsClient(running.server.url, sessionOf(out)).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:sts::${TEST_ACCOUNT_ID}:federated-user/bob`);
    assert.equal(me.UserId, `${TEST_ACCOUNT_ID}:bob`);
  });

  test("the session may call no IAM operation and, of STS, only GetCallerIdentity", async () => {
    const out = await stsClient(running.server.url, userKey).send(
      new GetFederationTokenCommand({
        Name: "carol",
        Policy: ALLOW_ALL,
      }),
    );
    const session = sessionOf(out);
    await expectAwsError(
      iamClient(running.server.url, session).send(new ListUsersCommand({})),
      "InvalidClientTokenId",
      403,
    );
    await expectAwsError(
      iamClient(running.server.url, session).send(
        new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "carol" }),
      ),
      "InvalidClientTokenId",
      403,
    );
    const federated = stsClient(running.server.url, session);
    await expectAwsError(
      federated.send(new GetFederationTokenCommand({ Name: "dave" })),
      "AccessDenied",
      403,
      /with session credentials/,
    );
    await expectAwsError(
      federated.send(new GetSessionTokenCommand({})),
      "AccessDenied",
      403,
      /with session credentials/,
    );
  });

  test("the session allows only what both the user's policies and the session policy allow", async () => {
    const data = running.server.server.data;
    const resolve = async (out: Parameters<typeof sessionOf>[0]) => {
      const s = sessionOf(out);
      const claim = { accessKeyId: s.accessKeyId, securityToken: s.sessionToken } as SigV4Claim;
      return (await new CredentialResolver(data.store, data.sealer).resolve(claim, new Date())).caller;
    };
    const decide = async (caller: Awaited<ReturnType<typeof resolve>>, action: string) => {
      const { set } = await new PolicyResolver(awsManagedPolicySource).forCaller(caller, data.store);
      return evaluatePolicies(
        { principal: requestPrincipalOf(caller), action, resource: "*", context: {} },
        set,
      ).decision;
    };
    const sts = stsClient(running.server.url, userKey);
    const withPolicy = await resolve(
      await sts.send(new GetFederationTokenCommand({ Name: "erin", Policy: SESSION_POLICY })),
    );
    assert.equal(withPolicy.type, "FederatedUser");
    assert.equal(await decide(withPolicy, "s3:GetObject"), "Allowed"); // both allow
    assert.equal(await decide(withPolicy, "s3:PutObject"), "ImplicitlyDenied"); // the user only
    assert.equal(await decide(withPolicy, "sqs:SendMessage"), "ImplicitlyDenied"); // the session only
    const withoutPolicy = await resolve(await sts.send(new GetFederationTokenCommand({ Name: "frank" })));
    assert.equal(await decide(withoutPolicy, "s3:GetObject"), "ImplicitlyDenied"); // no session policy, no permissions
  });

  test("the session cannot manage the calling user's MFA, even where both policies allow iam:*", async () => {
    const admin = await createUserWithKey(running.server.url, "mfa-owner");
    await running.iam.send(
      new PutUserPolicyCommand({
        UserName: "mfa-owner",
        PolicyName: "all",
        PolicyDocument: ALLOW_ALL,
      }),
    );
    // The user's own key can (so the refusals below are the session's, not the policies').
    const device = await iamClient(running.server.url, admin).send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "mfa-owner" }),
    );
    const serial = device.VirtualMFADevice?.SerialNumber ?? "";
    const app = new VirtualMfaApp(device.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array());
    await iamClient(running.server.url, admin).send(
      new EnableMFADeviceCommand({ UserName: "mfa-owner", SerialNumber: serial, ...app.consecutive() }),
    );
    const out = await stsClient(running.server.url, admin).send(
      new GetFederationTokenCommand({
        Name: "mfa-owner-fed",
        Policy: ALLOW_ALL,
      }),
    );
    const federated = iamClient(running.server.url, sessionOf(out));
    const attempts = [
      new DeactivateMFADeviceCommand({ UserName: "mfa-owner", SerialNumber: serial }),
      new ResyncMFADeviceCommand({
        UserName: "mfa-owner",
        SerialNumber: serial,
        AuthenticationCode1: app.code(0),
        AuthenticationCode2: app.code(1),
      }),
      new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }),
      new ListMFADevicesCommand({ UserName: "mfa-owner" }),
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "mfa-owner-2" }),
    ];
    for (const command of attempts) {
      // biome-ignore lint/suspicious/noExplicitAny: one loop over commands of several input types
      await expectAwsError(federated.send(command as any), "InvalidClientTokenId", 403);
    }
    const still = await running.iam.send(new ListMFADevicesCommand({ UserName: "mfa-owner" }));
    assert.deepEqual(
      still.MFADevices?.map((d) => d.SerialNumber),
      [serial],
    );
  });

  test("root's federated users last at most one hour; session credentials cannot ask for one", async () => {
    const before = Date.now();
    const out = await stsClient(running.server.url, ROOT_KEY).send(
      new GetFederationTokenCommand({ Name: "rootfed", DurationSeconds: 36_000, Policy: SESSION_POLICY }),
    );
    assert.ok((out.Credentials?.Expiration?.getTime() ?? 0) - before <= 3_601_000);
    const session = await stsClient(running.server.url, userKey).send(new GetSessionTokenCommand({}));
    await expectAwsError(
      stsClient(running.server.url, sessionOf(session)).send(new GetFederationTokenCommand({ Name: "xy" })),
      "AccessDenied",
      403,
    );
  });
});
