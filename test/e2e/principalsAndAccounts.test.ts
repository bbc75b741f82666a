// The simulator over groups, roles and several accounts, and `portcullis account`: a user's
// simulation includes its groups' policies; a group or role ARN is simulated on its own policies;
// resource owners come from ResourceOwner, the resource ARN, else CallerArn's account (AWS's
// rule), so a caller of another account is same-account for its own resources; iam:PassRole is
// decided with iam:PassedToService; accounts made by the CLI are tenants with their own root.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const ctx = useTestServer();
const A = TEST_ACCOUNT_ID;
const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

const allow = (action: string | string[], resource = "*", extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }],
  });

async function decision(input: ConstructorParameters<typeof SimulatePrincipalPolicyCommand>[0]) {
  const out = await ctx.iam.send(new SimulatePrincipalPolicyCommand(input));
  return out.EvaluationResults?.map((r) => r.EvalDecision);
}

describe("the simulator over groups and roles", () => {
  test("a user's simulation includes its groups' policies; a group and a role stand on their own", async () => {
    await ctx.iam.send(new CreateUserCommand({ UserName: "sim-member" }));
    await ctx.iam.send(new CreateGroupCommand({ GroupName: "sim-readers" }));
    await ctx.iam.send(
      new PutGroupPolicyCommand({
        GroupName: "sim-readers",
        PolicyName: "read",
        PolicyDocument: allow("iam:ListUsers"),
      }),
    );
    const user = `arn:aws:iam::${A}:user/sim-member`;
    assert.deepEqual(await decision({ PolicySourceArn: user, ActionNames: ["iam:ListUsers"] }), [
      "implicitDeny",
    ]);
    await ctx.iam.send(new AddUserToGroupCommand({ GroupName: "sim-readers", UserName: "sim-member" }));
    assert.deepEqual(await decision({ PolicySourceArn: user, ActionNames: ["iam:ListUsers"] }), ["allowed"]);
    assert.deepEqual(
      await decision({
        PolicySourceArn: `arn:aws:iam::${A}:group/sim-readers`,
        ActionNames: ["iam:ListUsers", "iam:CreateUser"],
      }),
      ["allowed", "implicitDeny"],
    );
    await ctx.iam.send(
      new CreateRoleCommand({
        RoleName: "sim-role",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );
    await ctx.iam.send(
      new PutRolePolicyCommand({
        RoleName: "sim-role",
        PolicyName: "p",
        PolicyDocument: allow("iam:GetRole"),
      }),
    );
    assert.deepEqual(
      await decision({
        PolicySourceArn: `arn:aws:iam::${A}:role/sim-role`,
        ActionNames: ["iam:GetRole", "iam:ListUsers"],
      }),
      ["allowed", "implicitDeny"],
    );
    await expectAwsError(
      ctx.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${A}:role/absent`,
          ActionNames: ["iam:GetRole"],
        }),
      ),
      "NoSuchEntity",
      404,
      "The role with name absent cannot be found.",
    );
  });

  test("resource owner: the resource ARN's account, else CallerArn's; CallerArn must be a user", async () => {
    const policy = allow("s3:GetObject");
    const simulate = (extra: Record<string, unknown>) =>
      ctx.iam
        .send(
          new SimulateCustomPolicyCommand({
            PolicyInputList: [policy],
            ActionNames: ["s3:GetObject"],
            ...extra,
          }),
        )
        .then((o) => o.EvaluationResults?.[0]?.EvalDecision);
    // A caller of another account on a resource that names no account: the caller's own resource.
    assert.equal(
      await simulate({
        CallerArn: "arn:aws:iam::444455556666:user/bob",
        ResourceArns: ["arn:aws:s3:::bucket/key"],
      }),
      "allowed",
    );
    // The same caller on a resource owned by this server's account is cross-account: no resource policy.
    assert.equal(
      await simulate({
        CallerArn: "arn:aws:iam::444455556666:user/bob",
        ResourceArns: ["arn:aws:s3:::bucket/key"],
        ResourceOwner: `arn:aws:iam::${A}:root`,
      }),
      "implicitDeny",
    );
    await expectAwsError(
      ctx.iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policy],
          ActionNames: ["s3:GetObject"],
          CallerArn: `arn:aws:iam::${A}:role/sim-role`,
        }),
      ),
      "InvalidInput",
      400,
    );
  });

  test("iam:PassRole is decided with iam:PassedToService", async () => {
    const passToEc2 = allow("iam:PassRole", `arn:aws:iam::${A}:role/*`, {
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    });
    const results = async (service: string) =>
      (
        await ctx.iam.send(
          new SimulateCustomPolicyCommand({
            PolicyInputList: [passToEc2],
            ActionNames: ["iam:PassRole"],
            ResourceArns: [`arn:aws:iam::${A}:role/sim-role`],
            ContextEntries: [
              {
                ContextKeyName: "iam:PassedToService",
                ContextKeyType: "string",
                ContextKeyValues: [service],
              },
            ],
          }),
        )
      ).EvaluationResults?.[0]?.EvalDecision;
    assert.equal(await results("ec2.amazonaws.com"), "allowed");
    assert.equal(await results("lambda.amazonaws.com"), "implicitDeny");
  });
});

describe("portcullis account", () => {
  test("create makes a tenant with its own root key; list shows it; ids and aliases are unique", async () => {
    const { url, dataDir } = ctx.server;
    const env = { ...process.env, PORTCULLIS_ACCOUNT_ID: A };
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        CLI,
        "account",
        "create",
        "--data",
        dataDir,
        "--id",
        "777788889999",
        "--alias",
        "tenant-b",
        "--json",
      ],
      { env },
    );
    const created = JSON.parse(stdout) as {
      accountId: string;
      alias: string;
      accessKeyId: string;
      secretAccessKey: string;
    };
    assert.equal(created.accountId, "777788889999");
    assert.match(created.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    const rootB = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
    // The running server serves the new account at once.
    const who = await stsClient(url, rootB).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, "arn:aws:iam::777788889999:root");
    // Tenants see nothing of each other.
    await ctx.iam.send(new CreateUserCommand({ UserName: "only-in-a" }));
    const usersB = await iamClient(url, rootB).send(new ListUsersCommand({}));
    assert.deepEqual(usersB.Users, []);
    const list = await run(
      process.execPath,
      ["--import", "tsx", CLI, "account", "list", "--data", dataDir, "--json"],
      { env },
    );
    const accounts = list.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { accountId: string; alias?: string; createDate: string });
    const b = accounts.find((a) => a.accountId === "777788889999");
    assert.equal(b?.alias, "tenant-b");
    assert.ok(!Number.isNaN(Date.parse(b?.createDate ?? "")));
    assert.ok(accounts.some((a) => a.accountId === A));
    await assert.rejects(
      run(
        process.execPath,
        ["--import", "tsx", CLI, "account", "create", "--data", dataDir, "--id", "777788889999"],
        { env },
      ),
      /already exists/,
    );
    await assert.rejects(
      run(
        process.execPath,
        ["--import", "tsx", CLI, "account", "create", "--data", dataDir, "--alias", "tenant-b"],
        { env },
      ),
      /taken/,
    );
  });
});
