// End-to-end: IAM roles and instance profiles, driven by the AWS SDK v3 as root against a real
// server — trust policies (strict parsing, the 2,048-character quota, URL-encoded on the way
// out), MaxSessionDuration's range, tags, managed and inline policies with their quotas,
// permissions boundaries, deletion conflicts, the one-role instance profile, pagination of every
// list with MaxItems=1, and ListEntitiesForPolicy / GetPolicy counting roles.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagRoleCommand,
  UntagInstanceProfileCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { expectAwsError } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const running = useTestServer();
const iam = {
  send: ((command: Parameters<IAMClient["send"]>[0]) => running.iam.send(command)) as IAMClient["send"],
};

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

function allow(action: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: "*" }],
  });
}

async function createRole(name: string, extra: Record<string, unknown> = {}) {
  const out = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, ...extra }),
  );
  assert.ok(out.Role);
  return out.Role;
}

async function createPolicy(name: string): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: allow("s3:GetObject") }),
  );
  assert.ok(out.Policy?.Arn);
  return out.Policy.Arn;
}

/** Walks every page with MaxItems=1 and returns what each page held. */
async function walk<T>(
  fetch: (marker: string | undefined) => Promise<{ items: T[]; IsTruncated?: boolean; Marker?: string }>,
) {
  const all: T[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await fetch(marker);
    assert.ok(page.items.length <= 1);
    all.push(...page.items);
    if (!page.IsTruncated) return all;
    assert.ok(page.Marker);
    marker = page.Marker;
  }
  assert.fail("pagination did not end");
}

describe("roles", () => {
  test("CreateRole and GetRole: trust policy URL-encoded, defaults, tags, boundary, empty RoleLastUsed", async () => {
    const created = await createRole("app", {
      Path: "/svc/",
      Description: "the app",
      MaxSessionDuration: 7200,
      Tags: [{ Key: "team", Value: "red" }],
      PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    });
    assert.match(created.RoleId ?? "", /^AROA[A-Z2-7]{17}$/);
    assert.equal(created.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:role/svc/app`);
    assert.equal(decodeURIComponent(created.AssumeRolePolicyDocument ?? ""), TRUST);
    assert.deepEqual(created.Tags, [{ Key: "team", Value: "red" }]);

    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: "APP" }));
    assert.equal(role?.RoleName, "app");
    assert.equal(role?.Path, "/svc/");
    assert.equal(role?.Description, "the app");
    assert.equal(role?.MaxSessionDuration, 7200);
    assert.equal(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ""), TRUST);
    assert.deepEqual(role?.Tags, [{ Key: "team", Value: "red" }]);
    assert.equal(role?.PermissionsBoundary?.PermissionsBoundaryArn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assert.deepEqual(role?.RoleLastUsed, {});

    const plain = await createRole("plain");
    assert.equal(plain.MaxSessionDuration, 3600);
  });

  test("CreateRole refusals: duplicate name, trust policy without Principal, with NotPrincipal, too large, bad duration", async () => {
    await createRole("dup");
    await expectAwsError(createRole("DUP"), "EntityAlreadyExists", 409, "Role with name DUP already exists.");
    const noPrincipal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }],
    });
    await expectAwsError(
      iam.send(new CreateRoleCommand({ RoleName: "np", AssumeRolePolicyDocument: noPrincipal })),
      "MalformedPolicyDocument",
      400,
      "Missing required field Principal",
    );
    const notPrincipal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", NotPrincipal: { AWS: "111122223333" }, Action: "sts:AssumeRole" }],
    });
    await expectAwsError(
      iam.send(new CreateRoleCommand({ RoleName: "np", AssumeRolePolicyDocument: notPrincipal })),
      "MalformedPolicyDocument",
      400,
    );
    const huge = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: {
            AWS: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::${String(i).padStart(12, "1")}:root`),
          },
          Action: "sts:AssumeRole",
        },
      ],
    });
    await expectAwsError(
      iam.send(new CreateRoleCommand({ RoleName: "big", AssumeRolePolicyDocument: huge })),
      "LimitExceeded",
      409,
      "Cannot exceed quota for ACLSizePerRole: 2048",
    );
    for (const duration of [3599, 43201]) {
      await expectAwsError(createRole("short", { MaxSessionDuration: duration }), "ValidationError", 400);
    }
    await expectAwsError(
      createRole("nb", { PermissionsBoundary: `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/none` }),
      "NoSuchEntity",
      404,
    );
  });

  test("UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy", async () => {
    await createRole("upd");
    await iam.send(new UpdateRoleCommand({ RoleName: "upd", Description: "d1", MaxSessionDuration: 43200 }));
    let role = (await iam.send(new GetRoleCommand({ RoleName: "upd" }))).Role;
    assert.equal(role?.Description, "d1");
    assert.equal(role?.MaxSessionDuration, 43200);
    for (const duration of [3599, 43201]) {
      await expectAwsError(
        iam.send(new UpdateRoleCommand({ RoleName: "upd", MaxSessionDuration: duration })),
        "ValidationError",
        400,
      );
    }
    const described = await iam.send(
      new UpdateRoleDescriptionCommand({ RoleName: "upd", Description: "d2" }),
    );
    assert.equal(described.Role?.Description, "d2");
    const trust2 = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT_ID}:root` },
          Action: "sts:AssumeRole",
        },
      ],
    });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "upd", PolicyDocument: trust2 }));
    role = (await iam.send(new GetRoleCommand({ RoleName: "upd" }))).Role;
    assert.equal(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ""), trust2);
    await expectAwsError(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "upd", PolicyDocument: allow("s3:*") })),
      "MalformedPolicyDocument",
      400,
    );
    await expectAwsError(
      iam.send(new UpdateRoleCommand({ RoleName: "ghost", Description: "x" })),
      "NoSuchEntity",
      404,
      "The role with name ghost cannot be found.",
    );
  });

  test("ListRoles: name order, PathPrefix, no tags, boundary or last use, MaxItems=1 walks every marker", async () => {
    await createRole("list-b", { Path: "/list/", Tags: [{ Key: "k", Value: "v" }] });
    await createRole("list-a", {
      Path: "/list/",
      PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    });
    await createRole("list-c", { Path: "/list/" });
    const names = await walk(async (marker) => {
      const out = await iam.send(new ListRolesCommand({ PathPrefix: "/list/", MaxItems: 1, Marker: marker }));
      return { ...out, items: out.Roles ?? [] };
    });
    assert.deepEqual(
      names.map((r) => r.RoleName),
      ["list-a", "list-b", "list-c"],
    );
    for (const role of names) {
      assert.equal(role.Tags, undefined);
      assert.equal(role.PermissionsBoundary, undefined);
      assert.equal(role.RoleLastUsed, undefined);
      assert.ok(role.AssumeRolePolicyDocument);
    }
  });

  test("tags: TagRole, UntagRole, ListRoleTags paginated", async () => {
    await createRole("tagged");
    await iam.send(
      new TagRoleCommand({
        RoleName: "tagged",
        Tags: [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
          { Key: "c", Value: "3" },
        ],
      }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: "tagged", TagKeys: ["B"] }));
    const tags = await walk(async (marker) => {
      const out = await iam.send(
        new ListRoleTagsCommand({ RoleName: "tagged", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.Tags ?? [] };
    });
    assert.deepEqual(tags, [
      { Key: "a", Value: "1" },
      { Key: "c", Value: "3" },
    ]);
    const many = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectAwsError(
      iam.send(new TagRoleCommand({ RoleName: "tagged", Tags: many })),
      "LimitExceeded",
      409,
    );
    await expectAwsError(iam.send(new ListRoleTagsCommand({ RoleName: "ghost" })), "NoSuchEntity", 404);
  });

  test("managed policies: attach, the ten-per-role quota, list paginated, detach", async () => {
    await createRole("managed");
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) arns.push(await createPolicy(`role-p${i}`));
    for (const arn of arns.slice(0, 10))
      await iam.send(new AttachRolePolicyCommand({ RoleName: "managed", PolicyArn: arn }));
    // Attaching one already attached changes nothing.
    await iam.send(new AttachRolePolicyCommand({ RoleName: "managed", PolicyArn: arns[0] }));
    await expectAwsError(
      iam.send(new AttachRolePolicyCommand({ RoleName: "managed", PolicyArn: arns[10] })),
      "LimitExceeded",
      409,
      "Cannot exceed quota for PoliciesPerRole: 10",
    );
    const attached = await walk(async (marker) => {
      const out = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: "managed", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.AttachedPolicies ?? [] };
    });
    assert.deepEqual(
      attached.map((p) => p.PolicyArn),
      arns.slice(0, 10),
    );
    await iam.send(new DetachRolePolicyCommand({ RoleName: "managed", PolicyArn: arns[0] }));
    await expectAwsError(
      iam.send(new DetachRolePolicyCommand({ RoleName: "managed", PolicyArn: arns[0] })),
      "NoSuchEntity",
      404,
    );
    await expectAwsError(
      iam.send(
        new AttachRolePolicyCommand({
          RoleName: "managed",
          PolicyArn: `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/none`,
        }),
      ),
      "NoSuchEntity",
      404,
    );
  });

  test("inline policies: put, get URL-encoded, list paginated, the 10,240-character quota, delete", async () => {
    await createRole("inline");
    for (const name of ["b", "a"]) {
      await iam.send(
        new PutRolePolicyCommand({ RoleName: "inline", PolicyName: name, PolicyDocument: allow("s3:*") }),
      );
    }
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: "inline", PolicyName: "a" }));
    assert.equal(got.RoleName, "inline");
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), allow("s3:*"));
    const names = await walk(async (marker) => {
      const out = await iam.send(
        new ListRolePoliciesCommand({ RoleName: "inline", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.PolicyNames ?? [] };
    });
    assert.deepEqual(names, ["a", "b"]);
    const big = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: Array.from({ length: 450 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
        },
      ],
    });
    await expectAwsError(
      iam.send(new PutRolePolicyCommand({ RoleName: "inline", PolicyName: "big", PolicyDocument: big })),
      "LimitExceeded",
      409,
      "Maximum policy size of 10240 bytes exceeded for role inline",
    );
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "inline", PolicyName: "a" }));
    await expectAwsError(
      iam.send(new GetRolePolicyCommand({ RoleName: "inline", PolicyName: "a" })),
      "NoSuchEntity",
      404,
      "The role policy with name a cannot be found.",
    );
    await expectAwsError(
      iam.send(new DeleteRolePolicyCommand({ RoleName: "inline", PolicyName: "a" })),
      "NoSuchEntity",
      404,
    );
  });

  test("permissions boundary: put, delete, unknown policy", async () => {
    await createRole("bounded");
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: "bounded",
        PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      }),
    );
    let role = (await iam.send(new GetRoleCommand({ RoleName: "bounded" }))).Role;
    assert.equal(role?.PermissionsBoundary?.PermissionsBoundaryType, "PermissionsBoundaryPolicy");
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: "bounded" }));
    role = (await iam.send(new GetRoleCommand({ RoleName: "bounded" }))).Role;
    assert.equal(role?.PermissionsBoundary, undefined);
    await expectAwsError(
      iam.send(
        new PutRolePermissionsBoundaryCommand({
          RoleName: "bounded",
          PermissionsBoundary: `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/none`,
        }),
      ),
      "NoSuchEntity",
      404,
    );
  });

  test("DeleteRole: conflicts while it has policies or is in an instance profile, then gone", async () => {
    await createRole("doomed");
    const arn = await createPolicy("doomed-p");
    await iam.send(new AttachRolePolicyCommand({ RoleName: "doomed", PolicyArn: arn }));
    await expectAwsError(
      iam.send(new DeleteRoleCommand({ RoleName: "doomed" })),
      "DeleteConflict",
      409,
      "Cannot delete entity, must detach all policies first.",
    );
    await iam.send(new DetachRolePolicyCommand({ RoleName: "doomed", PolicyArn: arn }));
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "doomed", PolicyName: "i", PolicyDocument: allow("s3:*") }),
    );
    await expectAwsError(
      iam.send(new DeleteRoleCommand({ RoleName: "doomed" })),
      "DeleteConflict",
      409,
      "Cannot delete entity, must delete policies first.",
    );
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "doomed", PolicyName: "i" }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "doomed-ip" }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: "doomed-ip", RoleName: "doomed" }),
    );
    await expectAwsError(
      iam.send(new DeleteRoleCommand({ RoleName: "doomed" })),
      "DeleteConflict",
      409,
      "Cannot delete entity, must remove roles from instance profile first.",
    );
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "doomed-ip", RoleName: "doomed" }),
    );
    await iam.send(new DeleteRoleCommand({ RoleName: "doomed" }));
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: "doomed" })), "NoSuchEntity", 404);
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: "doomed" })), "NoSuchEntity", 404);
  });

  test("ListEntitiesForPolicy and GetPolicy count roles, as attachments and as boundaries", async () => {
    const arn = await createPolicy("shared");
    await createRole("uses-attached", { Path: "/ent/" });
    await createRole("uses-boundary", { Path: "/other/", PermissionsBoundary: arn });
    await iam.send(new AttachRolePolicyCommand({ RoleName: "uses-attached", PolicyArn: arn }));
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
    assert.equal(policy?.AttachmentCount, 1);
    assert.equal(policy?.PermissionsBoundaryUsageCount, 1);

    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "Role" }));
    assert.deepEqual(
      all.PolicyRoles?.map((r) => r.RoleName),
      ["uses-attached", "uses-boundary"],
    );
    assert.match(all.PolicyRoles?.[0]?.RoleId ?? "", /^AROA/);
    const attachedOnly = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy" }),
    );
    assert.deepEqual(
      attachedOnly.PolicyRoles?.map((r) => r.RoleName),
      ["uses-attached"],
    );
    const boundaryOnly = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsBoundary" }),
    );
    assert.deepEqual(
      boundaryOnly.PolicyRoles?.map((r) => r.RoleName),
      ["uses-boundary"],
    );
    const prefixed = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, PathPrefix: "/ent/" }),
    );
    assert.deepEqual(
      prefixed.PolicyRoles?.map((r) => r.RoleName),
      ["uses-attached"],
    );
    const usersOnly = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "User" }),
    );
    assert.deepEqual(usersOnly.PolicyRoles, []);
  });
});

describe("instance profiles", () => {
  test("create, get with its role, the one-role quota, remove, tags, delete conflict", async () => {
    await createRole("ip-role");
    await createRole("ip-role-2");
    const created = await iam.send(
      new CreateInstanceProfileCommand({
        InstanceProfileName: "web",
        Path: "/ip/",
        Tags: [{ Key: "a", Value: "1" }],
      }),
    );
    assert.match(created.InstanceProfile?.InstanceProfileId ?? "", /^AIPA[A-Z2-7]{17}$/);
    assert.equal(created.InstanceProfile?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:instance-profile/ip/web`);
    assert.deepEqual(created.InstanceProfile?.Roles, []);
    await expectAwsError(
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "WEB" })),
      "EntityAlreadyExists",
      409,
    );

    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "ip-role" }));
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "web" }));
    assert.deepEqual(
      got.InstanceProfile?.Roles?.map((r) => r.RoleName),
      ["ip-role"],
    );
    assert.equal(decodeURIComponent(got.InstanceProfile?.Roles?.[0]?.AssumeRolePolicyDocument ?? ""), TRUST);
    assert.deepEqual(got.InstanceProfile?.Tags, [{ Key: "a", Value: "1" }]);
    for (const role of ["ip-role-2", "ip-role"]) {
      await expectAwsError(
        iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: role })),
        "LimitExceeded",
        409,
        "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
      );
    }
    await expectAwsError(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "ghost" })),
      "NoSuchEntity",
      404,
    );
    await expectAwsError(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "ghost", RoleName: "ip-role" })),
      "NoSuchEntity",
      404,
    );
    await expectAwsError(
      iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: "web" })),
      "DeleteConflict",
      409,
      "Cannot delete entity, must remove roles from instance profile first.",
    );

    await iam.send(
      new TagInstanceProfileCommand({ InstanceProfileName: "web", Tags: [{ Key: "b", Value: "2" }] }),
    );
    await iam.send(
      new TagInstanceProfileCommand({ InstanceProfileName: "web", Tags: [{ Key: "c", Value: "3" }] }),
    );
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: "web", TagKeys: ["a"] }));
    const tags = await walk(async (marker) => {
      const out = await iam.send(
        new ListInstanceProfileTagsCommand({ InstanceProfileName: "web", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.Tags ?? [] };
    });
    assert.deepEqual(
      tags.map((t) => t.Key),
      ["b", "c"],
    );

    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "ip-role" }),
    );
    await expectAwsError(
      iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "web", RoleName: "ip-role" })),
      "NoSuchEntity",
      404,
    );
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: "web" }));
    await expectAwsError(
      iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "web" })),
      "NoSuchEntity",
      404,
    );
  });

  test("ListInstanceProfiles and ListInstanceProfilesForRole walk every marker with MaxItems=1", async () => {
    await createRole("shared-role");
    for (const name of ["lp-c", "lp-a", "lp-b"]) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: "/lp/" }));
      await iam.send(
        new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: "shared-role" }),
      );
    }
    await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: "lp-elsewhere", Path: "/elsewhere/" }),
    );
    const listed = await walk(async (marker) => {
      const out = await iam.send(
        new ListInstanceProfilesCommand({ PathPrefix: "/lp/", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.InstanceProfiles ?? [] };
    });
    assert.deepEqual(
      listed.map((p) => p.InstanceProfileName),
      ["lp-a", "lp-b", "lp-c"],
    );
    assert.deepEqual(
      listed.map((p) => p.Roles?.map((r) => r.RoleName)),
      [["shared-role"], ["shared-role"], ["shared-role"]],
    );
    const forRole = await walk(async (marker) => {
      const out = await iam.send(
        new ListInstanceProfilesForRoleCommand({ RoleName: "shared-role", MaxItems: 1, Marker: marker }),
      );
      return { ...out, items: out.InstanceProfiles ?? [] };
    });
    assert.deepEqual(
      forRole.map((p) => p.InstanceProfileName),
      ["lp-a", "lp-b", "lp-c"],
    );
    await expectAwsError(
      iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: "ghost" })),
      "NoSuchEntity",
      404,
    );
  });
});
