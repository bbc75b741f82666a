// End-to-end: IAM groups driven by the AWS SDK v3 as root against a real server — the group
// lifecycle, membership (the ten-groups-per-user quota), managed and inline group policies (the
// ten-per-group and 5,120-character quotas), pagination of every listing with MaxItems=1, renames
// that keep members and policies, the conflicts that block DeleteGroup and DeleteUser, and groups
// in ListEntitiesForPolicy and policy usage counts, each error with AWS's code, status and message.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  type IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { assertRefusal, expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
let iam: IAMClient;

before(async () => {
  server = await startTestServer();
  iam = iamClient(server.url, ROOT_KEY);
});

after(async () => {
  await server.stop();
});

function allow(action: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: "*" }],
  });
}

const READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

/** Walks a listing with MaxItems=1 through every marker, returning every item in order. */
async function walk<T>(
  page: (
    marker: string | undefined,
  ) => Promise<{ items: T[] | undefined; IsTruncated?: boolean; Marker?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await page(marker);
    assert.ok((out.items ?? []).length <= 1);
    all.push(...(out.items ?? []));
    if (!out.IsTruncated) {
      assert.equal(out.Marker, undefined);
      return all;
    }
    assert.ok(out.Marker);
    marker = out.Marker;
  }
}

describe("group lifecycle", () => {
  test("create, get, list by path, rename, delete; AWS's errors", async () => {
    const created = await iam.send(new CreateGroupCommand({ GroupName: "Ops", Path: "/eng/" }));
    assert.equal(created.Group?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:group/eng/Ops`);
    assert.match(created.Group?.GroupId ?? "", /^AGPA[A-Z2-7]{17}$/);
    assert.equal(created.Group?.Path, "/eng/");
    assert.ok(created.Group?.CreateDate instanceof Date);

    assertRefusal(
      await expectRefusal(iam.send(new CreateGroupCommand({ GroupName: "OPS" }))),
      "EntityAlreadyExists",
      409,
      "Group with name OPS already exists.",
    );
    const got = await iam.send(new GetGroupCommand({ GroupName: "ops" }));
    assert.equal(got.Group?.GroupName, "Ops");
    assert.deepEqual(got.Users, []);
    assert.equal(got.IsTruncated, false);

    await iam.send(new CreateGroupCommand({ GroupName: "Other" }));
    const eng = await iam.send(new ListGroupsCommand({ PathPrefix: "/eng/" }));
    assert.deepEqual(
      eng.Groups?.map((g) => g.GroupName),
      ["Ops"],
    );

    await iam.send(
      new UpdateGroupCommand({ GroupName: "Ops", NewGroupName: "Platform", NewPath: "/infra/" }),
    );
    const renamed = await iam.send(new GetGroupCommand({ GroupName: "Platform" }));
    assert.equal(renamed.Group?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:group/infra/Platform`);
    assert.equal(renamed.Group?.GroupId, created.Group?.GroupId);
    assertRefusal(
      await expectRefusal(iam.send(new UpdateGroupCommand({ GroupName: "Platform", NewGroupName: "other" }))),
      "EntityAlreadyExists",
      409,
      "Group with name other already exists.",
    );

    await iam.send(new DeleteGroupCommand({ GroupName: "Platform" }));
    for (const call of [
      iam.send(new GetGroupCommand({ GroupName: "Platform" })),
      iam.send(new DeleteGroupCommand({ GroupName: "Platform" })),
      iam.send(new UpdateGroupCommand({ GroupName: "Platform", NewPath: "/x/" })),
    ]) {
      assertRefusal(
        await expectRefusal(call),
        "NoSuchEntity",
        404,
        "The group with name Platform cannot be found.",
      );
    }
  });

  test("ListGroups pages with MaxItems=1 through every marker, in name order", async () => {
    for (const n of ["pg-c", "pg-a", "pg-b"])
      await iam.send(new CreateGroupCommand({ GroupName: n, Path: "/pg/" }));
    const names = await walk(async (Marker) => {
      const out = await iam.send(new ListGroupsCommand({ PathPrefix: "/pg/", MaxItems: 1, Marker }));
      return { items: out.Groups?.map((g) => g.GroupName), IsTruncated: out.IsTruncated, Marker: out.Marker };
    });
    assert.deepEqual(names, ["pg-a", "pg-b", "pg-c"]);
  });
});

describe("membership", () => {
  test("add (idempotent), GetGroup and ListGroupsForUser page with MaxItems=1, remove", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "members" }));
    await iam.send(new CreateGroupCommand({ GroupName: "second" }));
    for (const u of ["m-carol", "m-alice", "m-bob"]) {
      await iam.send(new CreateUserCommand({ UserName: u }));
      await iam.send(new AddUserToGroupCommand({ GroupName: "members", UserName: u }));
    }
    await iam.send(new AddUserToGroupCommand({ GroupName: "members", UserName: "m-alice" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "second", UserName: "m-alice" }));

    const users = await walk(async (Marker) => {
      const out = await iam.send(new GetGroupCommand({ GroupName: "members", MaxItems: 1, Marker }));
      assert.equal(out.Group?.GroupName, "members");
      return { items: out.Users?.map((u) => u.UserName), IsTruncated: out.IsTruncated, Marker: out.Marker };
    });
    assert.deepEqual(users, ["m-alice", "m-bob", "m-carol"]);

    const groups = await walk(async (Marker) => {
      const out = await iam.send(new ListGroupsForUserCommand({ UserName: "m-alice", MaxItems: 1, Marker }));
      return { items: out.Groups?.map((g) => g.GroupName), IsTruncated: out.IsTruncated, Marker: out.Marker };
    });
    assert.deepEqual(groups, ["members", "second"]);

    await iam.send(new RemoveUserFromGroupCommand({ GroupName: "second", UserName: "m-alice" }));
    const after = await iam.send(new ListGroupsForUserCommand({ UserName: "m-alice" }));
    assert.deepEqual(
      after.Groups?.map((g) => g.GroupName),
      ["members"],
    );
  });

  test("a missing group or user is NoSuchEntity (404)", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "lonely" }));
    await iam.send(new CreateUserCommand({ UserName: "exists" }));
    assertRefusal(
      await expectRefusal(iam.send(new AddUserToGroupCommand({ GroupName: "nope", UserName: "exists" }))),
      "NoSuchEntity",
      404,
      "The group with name nope cannot be found.",
    );
    for (const call of [
      iam.send(new AddUserToGroupCommand({ GroupName: "lonely", UserName: "ghost" })),
      iam.send(new RemoveUserFromGroupCommand({ GroupName: "lonely", UserName: "ghost" })),
      iam.send(new ListGroupsForUserCommand({ UserName: "ghost" })),
    ]) {
      assertRefusal(
        await expectRefusal(call),
        "NoSuchEntity",
        404,
        "The user with name ghost cannot be found.",
      );
    }
  });

  test("an 11th group for one user is LimitExceeded (409)", async () => {
    await iam.send(new CreateUserCommand({ UserName: "joiner" }));
    for (let i = 0; i < 10; i++) {
      await iam.send(new CreateGroupCommand({ GroupName: `quota-${i}` }));
      await iam.send(new AddUserToGroupCommand({ GroupName: `quota-${i}`, UserName: "joiner" }));
    }
    await iam.send(new CreateGroupCommand({ GroupName: "quota-10" }));
    // Re-adding to a group already joined is not a new membership.
    await iam.send(new AddUserToGroupCommand({ GroupName: "quota-3", UserName: "joiner" }));
    assertRefusal(
      await expectRefusal(iam.send(new AddUserToGroupCommand({ GroupName: "quota-10", UserName: "joiner" }))),
      "LimitExceeded",
      409,
      "Cannot exceed quota for GroupsPerUser: 10",
    );
  });

  test("DeleteUser is refused while the user is in a group; DeleteGroup while it has members", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "sticky" }));
    await iam.send(new CreateUserCommand({ UserName: "stuck" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "sticky", UserName: "stuck" }));
    assertRefusal(
      await expectRefusal(iam.send(new DeleteUserCommand({ UserName: "stuck" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must remove users from group first.",
    );
    assertRefusal(
      await expectRefusal(iam.send(new DeleteGroupCommand({ GroupName: "sticky" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must remove users from group first.",
    );
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: "sticky", UserName: "stuck" }));
    await iam.send(new DeleteUserCommand({ UserName: "stuck" }));
    await iam.send(new DeleteGroupCommand({ GroupName: "sticky" }));
  });
});

describe("group policies", () => {
  test("attach up to ten, detach, list with MaxItems=1; AWS's errors", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "attached" }));
    const arns: string[] = [];
    for (let i = 0; i < 10; i++) {
      const out = await iam.send(
        new CreatePolicyCommand({ PolicyName: `gp-${i}`, PolicyDocument: allow("s3:GetObject") }),
      );
      assert.ok(out.Policy?.Arn);
      arns.push(out.Policy.Arn);
      await iam.send(new AttachGroupPolicyCommand({ GroupName: "attached", PolicyArn: out.Policy.Arn }));
    }
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "attached", PolicyArn: arns[0] }));
    assertRefusal(
      await expectRefusal(
        iam.send(new AttachGroupPolicyCommand({ GroupName: "attached", PolicyArn: READ_ONLY })),
      ),
      "LimitExceeded",
      409,
      "Cannot exceed quota for PoliciesPerGroup: 10",
    );
    const listed = await walk(async (Marker) => {
      const out = await iam.send(
        new ListAttachedGroupPoliciesCommand({ GroupName: "attached", MaxItems: 1, Marker }),
      );
      return {
        items: out.AttachedPolicies?.map((p) => p.PolicyArn),
        IsTruncated: out.IsTruncated,
        Marker: out.Marker,
      };
    });
    assert.deepEqual(listed, arns);

    await iam.send(new DetachGroupPolicyCommand({ GroupName: "attached", PolicyArn: arns[9] }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "attached", PolicyArn: READ_ONLY }));
    const now = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "attached" }));
    assert.equal(now.AttachedPolicies?.at(-1)?.PolicyName, "IAMReadOnlyAccess");

    const missing = `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/missing`;
    assertRefusal(
      await expectRefusal(
        iam.send(new AttachGroupPolicyCommand({ GroupName: "attached", PolicyArn: missing })),
      ),
      "NoSuchEntity",
      404,
      `Policy ${missing} does not exist or is not attachable.`,
    );
    assertRefusal(
      await expectRefusal(
        iam.send(new DetachGroupPolicyCommand({ GroupName: "attached", PolicyArn: arns[9] })),
      ),
      "NoSuchEntity",
      404,
      `Policy ${arns[9]} was not found.`,
    );
    assertRefusal(
      await expectRefusal(
        iam.send(new AttachGroupPolicyCommand({ GroupName: "nope", PolicyArn: READ_ONLY })),
      ),
      "NoSuchEntity",
      404,
      "The group with name nope cannot be found.",
    );
  });

  test("inline: put, get (URL-encoded), list with MaxItems=1, replace, delete; the 5,120 quota", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "inline" }));
    const doc = allow("iam:ListUsers");
    for (const name of ["c", "a", "b"]) {
      await iam.send(
        new PutGroupPolicyCommand({ GroupName: "inline", PolicyName: name, PolicyDocument: doc }),
      );
    }
    const got = await iam.send(new GetGroupPolicyCommand({ GroupName: "inline", PolicyName: "a" }));
    assert.equal(got.GroupName, "inline");
    assert.equal(got.PolicyName, "a");
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), doc);
    const names = await walk(async (Marker) => {
      const out = await iam.send(new ListGroupPoliciesCommand({ GroupName: "inline", MaxItems: 1, Marker }));
      return { items: out.PolicyNames, IsTruncated: out.IsTruncated, Marker: out.Marker };
    });
    assert.deepEqual(names, ["a", "b", "c"]);

    const replaced = allow("iam:GetUser");
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: "inline", PolicyName: "a", PolicyDocument: replaced }),
    );
    const again = await iam.send(new GetGroupPolicyCommand({ GroupName: "inline", PolicyName: "a" }));
    assert.equal(decodeURIComponent(again.PolicyDocument ?? ""), replaced);

    await iam.send(new DeleteGroupPolicyCommand({ GroupName: "inline", PolicyName: "a" }));
    for (const call of [
      iam.send(new GetGroupPolicyCommand({ GroupName: "inline", PolicyName: "a" })),
      iam.send(new DeleteGroupPolicyCommand({ GroupName: "inline", PolicyName: "a" })),
    ]) {
      assertRefusal(
        await expectRefusal(call),
        "NoSuchEntity",
        404,
        "The group policy with name a cannot be found.",
      );
    }

    // One document just under the quota fits (white space not counted); a second small one does not.
    await iam.send(new CreateGroupCommand({ GroupName: "big" }));
    const big = (size: number) => {
      const base = allow("s3:GetObject");
      const filler = `"Sid":"${"x".repeat(size - base.length - 9)}",`;
      return base.replace('{"Effect"', `{${filler}"Effect"`);
    };
    const nearlyFull = big(5100);
    assert.equal(nearlyFull.length, 5100);
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: "big",
        PolicyName: "big",
        PolicyDocument: nearlyFull.replace(",", ",  \n"),
      }),
    );
    assertRefusal(
      await expectRefusal(
        iam.send(new PutGroupPolicyCommand({ GroupName: "big", PolicyName: "more", PolicyDocument: doc })),
      ),
      "LimitExceeded",
      409,
      "Maximum policy size of 5120 bytes exceeded for group big",
    );
    assertRefusal(
      await expectRefusal(
        iam.send(new PutGroupPolicyCommand({ GroupName: "nope", PolicyName: "p", PolicyDocument: doc })),
      ),
      "NoSuchEntity",
      404,
      "The group with name nope cannot be found.",
    );
  });

  test("DeleteGroup is refused while it has inline or attached policies, in AWS's two wordings", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "held" }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: "held", PolicyName: "p", PolicyDocument: allow("s3:*") }),
    );
    assertRefusal(
      await expectRefusal(iam.send(new DeleteGroupCommand({ GroupName: "held" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must delete policies first.",
    );
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: "held", PolicyName: "p" }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "held", PolicyArn: READ_ONLY }));
    assertRefusal(
      await expectRefusal(iam.send(new DeleteGroupCommand({ GroupName: "held" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must detach all policies first.",
    );
    await iam.send(new DetachGroupPolicyCommand({ GroupName: "held", PolicyArn: READ_ONLY }));
    await iam.send(new DeleteGroupCommand({ GroupName: "held" }));
  });

  test("a rename keeps members and policies", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "before" }));
    await iam.send(new CreateUserCommand({ UserName: "keeper" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "before", UserName: "keeper" }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "before", PolicyArn: READ_ONLY }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: "before", PolicyName: "p", PolicyDocument: allow("s3:*") }),
    );
    await iam.send(
      new UpdateGroupCommand({ GroupName: "before", NewGroupName: "after", NewPath: "/moved/" }),
    );
    const got = await iam.send(new GetGroupCommand({ GroupName: "after" }));
    assert.deepEqual(
      got.Users?.map((u) => u.UserName),
      ["keeper"],
    );
    const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "after" }));
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyArn),
      [READ_ONLY],
    );
    const inline = await iam.send(new ListGroupPoliciesCommand({ GroupName: "after" }));
    assert.deepEqual(inline.PolicyNames, ["p"]);
    const mine = await iam.send(new ListGroupsForUserCommand({ UserName: "keeper" }));
    assert.equal(mine.Groups?.[0]?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:group/moved/after`);
  });
});

describe("groups in policy usage", () => {
  test("ListEntitiesForPolicy lists groups by filter and path; AttachmentCount counts them; DeletePolicy refuses", async () => {
    const out = await iam.send(
      new CreatePolicyCommand({ PolicyName: "shared", PolicyDocument: allow("s3:ListBucket") }),
    );
    const arn = out.Policy?.Arn ?? "";
    const team = await iam.send(new CreateGroupCommand({ GroupName: "ent-team", Path: "/teams/" }));
    await iam.send(new CreateGroupCommand({ GroupName: "ent-root" }));
    await iam.send(new CreateUserCommand({ UserName: "ent-user" }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "ent-team", PolicyArn: arn }));

    const onlyGroups = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    assert.equal(onlyGroups.Policy?.AttachmentCount, 1);
    const attachedOnly = await iam.send(new ListPoliciesCommand({ Scope: "Local", OnlyAttached: true }));
    assert.ok(attachedOnly.Policies?.some((p) => p.Arn === arn));
    assertRefusal(
      await expectRefusal(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))),
      "DeleteConflict",
      409,
      "Cannot delete a policy attached to entities.",
    );

    await iam.send(new AttachGroupPolicyCommand({ GroupName: "ent-root", PolicyArn: arn }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "ent-user", PermissionsBoundary: arn }));
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 2);

    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(
      all.PolicyGroups?.map((g) => g.GroupName),
      ["ent-root", "ent-team"],
    );
    assert.equal(all.PolicyGroups?.[1]?.GroupId, team.Group?.GroupId);
    assert.deepEqual(
      all.PolicyUsers?.map((u) => u.UserName),
      ["ent-user"],
    );
    const groupsOnly = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "Group" }),
    );
    assert.equal(groupsOnly.PolicyGroups?.length, 2);
    assert.deepEqual(groupsOnly.PolicyUsers, []);
    const byPath = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PathPrefix: "/teams/" }),
    );
    assert.deepEqual(
      byPath.PolicyGroups?.map((g) => g.GroupName),
      ["ent-team"],
    );
    const boundaries = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsBoundary" }),
    );
    assert.deepEqual(boundaries.PolicyGroups, []);
    assert.deepEqual(
      boundaries.PolicyUsers?.map((u) => u.UserName),
      ["ent-user"],
    );
    const permissions = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy" }),
    );
    assert.equal(permissions.PolicyGroups?.length, 2);
    assert.deepEqual(permissions.PolicyUsers, []);

    const paged = await walk(async (Marker) => {
      const page = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 1, Marker }));
      const items = [
        ...(page.PolicyGroups ?? []).map((g) => g.GroupName),
        ...(page.PolicyUsers ?? []).map((u) => u.UserName),
      ];
      return { items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    });
    assert.deepEqual(paged, ["ent-root", "ent-team", "ent-user"]);

    await iam.send(new DetachGroupPolicyCommand({ GroupName: "ent-team", PolicyArn: arn }));
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 1);
  });
});
