// Authorization end to end: a user's real policies (AWS-managed, customer-managed, inline, a
// permissions boundary) decide every call, each change is seen by the very next request, and
// refusals carry AWS's AccessDenied messages.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AttachUserPolicyCommand,
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
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
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

test("an AWS-managed policy grants what it says, no more, and detaching it takes effect at once", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const reader = iamClient(server.url, await createUserWithKey(server.url, "reader"));
  const before = await expectRefusal(reader.send(new ListUsersCommand({})));
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
  const create = await expectRefusal(reader.send(new CreateUserCommand({ UserName: "nope" })));
  assert.equal(create.code, "AccessDenied");
  assert.equal(create.status, 403);

  await root.send(
    new DetachUserPolicyCommand({
      UserName: "reader",
      PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  assert.equal((await expectRefusal(reader.send(new ListUsersCommand({})))).code, "AccessDenied");
});

test("an explicit deny wins, and AWS's message names the managed policy that denied", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await createUserWithKey(server.url, "denied");
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
  const err = await expectRefusal(
    iamClient(server.url, creds).send(new CreateUserCommand({ UserName: "x1" })),
  );
  assert.equal(
    err.message,
    `User: arn:aws:iam::${A}:user/denied is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/x1 with an explicit deny in an identity-based policy: ${Policy?.Arn}`,
  );
  const ok = await iamClient(server.url, creds).send(new GetUserCommand({ UserName: "denied" }));
  assert.equal(ok.User?.UserName, "denied");
});

test("policy variables: a user may manage only resources named after themselves", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await createUserWithKey(server.url, "vera");
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
  assert.equal(
    (await expectRefusal(vera.send(new GetUserCommand({ UserName: "reader" })))).code,
    "AccessDenied",
  );
  await root.send(new DeleteUserPolicyCommand({ UserName: "vera", PolicyName: "self" }));
  assert.equal((await expectRefusal(vera.send(new GetUserCommand({})))).code, "AccessDenied");
});

test("a permissions boundary caps what policies grant, with AWS's boundary message", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await createUserWithKey(server.url, "bounded");
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
  const err = await expectRefusal(bounded.send(new CreateUserCommand({ UserName: "x2" })));
  assert.equal(
    err.message,
    `User: arn:aws:iam::${A}:user/bounded is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/x2 because no permissions boundary allows the iam:CreateUser action`,
  );
});

test("a long-term key carries no aws:MultiFactorAuthPresent: BoolIfExists false matches, Bool true does not", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await createUserWithKey(server.url, "mfa-less");
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
  assert.equal((await expectRefusal(user.send(new ListUsersCommand({})))).code, "AccessDenied");
  const get = await expectRefusal(user.send(new GetUserCommand({})));
  assert.match(get.message, /with an explicit deny in an identity-based policy$/);
  // GetCallerIdentity is never denied, whatever the policies say.
  const me = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:iam::${A}:user/mfa-less`);
});

test("policies do not control GetSessionToken, an authentication operation, even an explicit deny", async () => {
  const root = iamClient(server.url, ROOT_KEY);
  const creds = await createUserWithKey(server.url, "session-seeker");
  await root.send(
    new PutUserPolicyCommand({
      UserName: "session-seeker",
      PolicyName: "no-sessions",
      PolicyDocument: doc([{ Effect: "Deny", Action: "sts:*", Resource: "*" }]),
    }),
  );
  const out = await stsClient(server.url, creds).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
  assert.match(out.Credentials?.AccessKeyId ?? "", /^ASIA[A-Z2-7]{16}$/);
  const session = {
    accessKeyId: out.Credentials?.AccessKeyId as string,
    secretAccessKey: out.Credentials?.SecretAccessKey as string,
    sessionToken: out.Credentials?.SessionToken as string,
  };
  // The session carries the user's own permissions: IAM refuses a session opened without MFA.
  const iam = await expectRefusal(iamClient(server.url, session).send(new GetUserCommand({})));
  assert.equal(iam.code, "InvalidClientTokenId");
  const me = await stsClient(server.url, session).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:iam::${A}:user/session-seeker`);
});
