// Authorization end to end: a user's real policies (AWS-managed, customer-managed, inline, a
// permissions boundary) decide every call, each change is seen by the very next request, and
// refusals carry AWS's AccessDenied messages.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListUsersCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

const A = TEST_ACCOUNT_ID;
const doc = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

async function refusal(p: Promise<unknown>): Promise<{ code?: string; message: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    const e = err as { Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail("expected AccessDenied");
}

async function userWithKey(name: string): Promise<Credentials> {
  const iam = iamClient(server.url, ROOT_KEY);
  await iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  };
}

test("an AWS-managed policy grants what it says, no more, and detaching it takes effect at once", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const reader = iamClient(server.url, await userWithKey("reader"));
  const before = await refusal(reader.send(new ListUsersCommand({})));
  assert.equal(before.code, "AccessDenied");
  assert.equal(
    before.message,
    `User: arn:aws:iam::${A}:user/reader is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/ because no identity-based policy allows the iam:ListUsers action`,
  );

  await root.send(
    new AttachUserPolicyCommand({
      UserName: "reader",
      PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  const listed = await reader.send(new ListUsersCommand({}));
  assert.ok(listed.Users?.some((u) => u.UserName === "reader"));
  const create = await refusal(reader.send(new CreateUserCommand({ UserName: "nope" })));
  assert.equal(create.code, "AccessDenied");
  assert.equal(create.status, 403);

  await root.send(
    new DetachUserPolicyCommand({
      UserName: "reader",
      PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  assert.equal((await refusal(reader.send(new ListUsersCommand({})))).code, "AccessDenied");
});

test("an explicit deny wins, and AWS's message names the managed policy that denied", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await userWithKey("denied");
  await root.send(
    new AttachUserPolicyCommand({ UserName: "denied", PolicyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
  );
  const { Policy } = await root.send(
    new CreatePolicyCommand({
      PolicyName: "NoUserCreation",
      PolicyDocument: doc([{ Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }]),
    }),
  );
  await root.send(new AttachUserPolicyCommand({ UserName: "denied", PolicyArn: Policy?.Arn }));
  const err = await refusal(iamClient(server.url, creds).send(new CreateUserCommand({ UserName: "x1" })));
  assert.equal(
    err.message,
    `User: arn:aws:iam::${A}:user/denied is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/x1 with an explicit deny in an identity-based policy: ${Policy?.Arn}`,
  );
  const ok = await iamClient(server.url, creds).send(new GetUserCommand({ UserName: "denied" }));
  assert.equal(ok.User?.UserName, "denied");
});

test("policy variables: a user may manage only resources named after themselves", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await userWithKey("vera");
  await root.send(
    new PutUserPolicyCommand({
      UserName: "vera",
      PolicyName: "self",
      PolicyDocument: doc([
        {
          Effect: "Allow",
          Action: ["iam:GetUser", "iam:TagUser"],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
          Resource: "arn:aws:iam::*:user/${aws:username}",
        },
      ]),
    }),
  );
  const vera = iamClient(server.url, creds);
  assert.equal((await vera.send(new GetUserCommand({}))).User?.UserName, "vera");
  await vera.send(new TagUserCommand({ UserName: "vera", Tags: [{ Key: "k", Value: "v" }] }));
  assert.equal((await refusal(vera.send(new GetUserCommand({ UserName: "reader" })))).code, "AccessDenied");
  await root.send(new DeleteUserPolicyCommand({ UserName: "vera", PolicyName: "self" }));
  assert.equal((await refusal(vera.send(new GetUserCommand({})))).code, "AccessDenied");
});

test("a permissions boundary caps what policies grant, with AWS's boundary message", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await userWithKey("bounded");
  await root.send(
    new AttachUserPolicyCommand({
      UserName: "bounded",
      PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
  );
  await root.send(
    new PutUserPermissionsBoundaryCommand({
      UserName: "bounded",
      PermissionsBoundary: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  const bounded = iamClient(server.url, creds);
  await bounded.send(new ListUsersCommand({}));
  const err = await refusal(bounded.send(new CreateUserCommand({ UserName: "x2" })));
  assert.equal(
    err.message,
    `User: arn:aws:iam::${A}:user/bounded is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/x2 because no permissions boundary allows the iam:CreateUser action`,
  );
});

test("a long-term key carries no aws:MultiFactorAuthPresent: BoolIfExists false matches, Bool true does not", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await userWithKey("mfa-less");
  await root.send(
    new PutUserPolicyCommand({
      UserName: "mfa-less",
      PolicyName: "mfa",
      PolicyDocument: doc([
        {
          Effect: "Allow",
          Action: "iam:ListUsers",
          Resource: "*",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
        { Effect: "Allow", Action: "iam:GetUser", Resource: "*" },
        {
          Effect: "Deny",
          Action: "iam:GetUser",
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ]),
    }),
  );
  const user = iamClient(server.url, creds);
  assert.equal((await refusal(user.send(new ListUsersCommand({})))).code, "AccessDenied");
  const get = await refusal(user.send(new GetUserCommand({})));
  assert.match(get.message, /with an explicit deny in an identity-based policy$/);
  // GetCallerIdentity is never denied, whatever the policies say.
  const me = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:iam::${A}:user/mfa-less`);
});
