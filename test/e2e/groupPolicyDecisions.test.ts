// End-to-end: a group's policies decide for its members, on the very next request after a change
// — inline and AWS-managed group policies grant, leaving the group takes the grant away, an
// explicit Deny in a group policy beats an Allow on the user, and the user's permissions boundary
// caps what a group policy grants.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  type IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
let root: IAMClient;

before(async () => {
  server = await startTestServer();
  root = iamClient(server.url, ROOT_KEY);
});

after(async () => {
  await server.stop();
});

function policy(effect: "Allow" | "Deny", action: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: effect, Action: action, Resource: "*" }],
  });
}

async function listUsersAs(client: IAMClient): Promise<"allowed" | "denied"> {
  try {
    await client.send(new ListUsersCommand({}));
    return "allowed";
  } catch (err) {
    const refusal = await expectRefusal(Promise.reject(err));
    assert.equal(refusal.code, "AccessDenied", refusal.message);
    return "denied";
  }
}

async function memberOf(groupName: string, userName: string): Promise<IAMClient> {
  const client = iamClient(server.url, await createUserWithKey(server.url, userName));
  await root.send(new CreateGroupCommand({ GroupName: groupName }));
  return client;
}

test("an inline group policy grants from the next request; leaving the group takes it away", async () => {
  const alice = await memberOf("listers", "alice");
  assert.equal(await listUsersAs(alice), "denied");
  await root.send(
    new PutGroupPolicyCommand({
      GroupName: "listers",
      PolicyName: "list",
      PolicyDocument: policy("Allow", "iam:ListUsers"),
    }),
  );
  await root.send(new AddUserToGroupCommand({ GroupName: "listers", UserName: "alice" }));
  assert.equal(await listUsersAs(alice), "allowed");
  await root.send(new RemoveUserFromGroupCommand({ GroupName: "listers", UserName: "alice" }));
  assert.equal(await listUsersAs(alice), "denied");
});

test("an AWS-managed policy attached to the group grants", async () => {
  const bob = await memberOf("readers", "bob");
  await root.send(new AddUserToGroupCommand({ GroupName: "readers", UserName: "bob" }));
  assert.equal(await listUsersAs(bob), "denied");
  await root.send(
    new AttachGroupPolicyCommand({
      GroupName: "readers",
      PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    }),
  );
  assert.equal(await listUsersAs(bob), "allowed");
});

test("an explicit Deny in a group policy beats an Allow on the user", async () => {
  const carol = await memberOf("deniers", "carol");
  await root.send(
    new PutUserPolicyCommand({
      UserName: "carol",
      PolicyName: "own",
      PolicyDocument: policy("Allow", "iam:ListUsers"),
    }),
  );
  assert.equal(await listUsersAs(carol), "allowed");
  await root.send(
    new PutGroupPolicyCommand({
      GroupName: "deniers",
      PolicyName: "deny",
      PolicyDocument: policy("Deny", "iam:ListUsers"),
    }),
  );
  await root.send(new AddUserToGroupCommand({ GroupName: "deniers", UserName: "carol" }));
  assert.equal(await listUsersAs(carol), "denied");
});

test("the user's permissions boundary caps what a group policy grants", async () => {
  const dave = await memberOf("granters", "dave");
  await root.send(
    new PutGroupPolicyCommand({
      GroupName: "granters",
      PolicyName: "list",
      PolicyDocument: policy("Allow", "iam:ListUsers"),
    }),
  );
  await root.send(new AddUserToGroupCommand({ GroupName: "granters", UserName: "dave" }));
  assert.equal(await listUsersAs(dave), "allowed");
  const boundary = await root.send(
    new CreatePolicyCommand({ PolicyName: "only-get-user", PolicyDocument: policy("Allow", "iam:GetUser") }),
  );
  await root.send(
    new PutUserPermissionsBoundaryCommand({
      UserName: "dave",
      PermissionsBoundary: boundary.Policy?.Arn ?? "",
    }),
  );
  assert.equal(await listUsersAs(dave), "denied");
});
