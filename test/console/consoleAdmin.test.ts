// The console's admin pages in a real browser, as an admin whose policy allows iam:*: a user made,
// put in a new group and given a managed policy, seen on the user's and group's pages; a role made
// with a trust policy; a policy whose malformed document comes back in the editor with the engine's
// line and column and the text kept, fixed, saved, and given a new version; everything deleted
// again (DeleteConflict shown first, as AWS answers it). And a read-only user refused CreateUser
// with AWS's AccessDenied message.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CreatePolicyCommand,
  CreateUserCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import type { Page } from "playwright-core";
import {
  alertText,
  CHROMIUM_MISSING,
  chromiumAvailable,
  createConsoleUser,
  policyDocument,
  screenshot,
  submitSignIn,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";
import { assertRefusal, expectRefusal } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Passw0rd!";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const fixture = useConsoleBrowser();

async function signIn(userName: string, policy: string): Promise<Page> {
  await createConsoleUser(fixture.iam, userName, PASSWORD, { policy });
  const context = await fixture.newContext();
  const page = await context.newPage();
  await submitSignIn(page, fixture.server.url, { account: TEST_ACCOUNT_ID, userName, password: PASSWORD });
  assert.equal(new URL(page.url()).pathname, "/console/home");
  return page;
}

const cellsOf = async (page: Page, heading: string) =>
  ((await page.locator(`section:has(h2:text-is("${heading}"))`).textContent()) ?? "").replace(/\s+/g, " ");

describe("console admin pages", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("an admin manages users, groups, roles and policies, and sees the engine's errors in place", async () => {
    const page = await signIn("admin", policyDocument({ Effect: "Allow", Action: "iam:*", Resource: "*" }));

    // A user, from the Users page reached through the navigation.
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    assert.match(await cellsOf(page, "Users"), /admin/);
    await screenshot(page, "admin-users");
    await page.getByLabel("User name").fill("alice");
    await page.getByRole("button", { name: "Create user" }).click();
    assert.equal(await alertText(page), "User alice created.");
    assert.equal(await page.locator("h1").textContent(), "User alice");

    // A new group, and alice in it.
    await page.getByRole("link", { name: "Groups", exact: true }).click();
    await page.getByLabel("Group name").fill("developers");
    await page.getByRole("button", { name: "Create group" }).click();
    assert.equal(await alertText(page), "Group developers created.");
    await page.goto(`${fixture.server.url}/console/admin/user?name=alice`);
    await page.getByLabel("Group to add the user to").fill("developers");
    await page.getByRole("button", { name: "Add to group" }).click();
    assert.equal(await alertText(page), "User alice added to group developers.");
    assert.match(await cellsOf(page, "Groups"), /developers/);

    // A managed policy attached by ARN.
    await page.getByLabel("Managed policy ARN to attach").fill(READ_ONLY);
    await page.getByRole("button", { name: "Attach policy" }).click();
    assert.equal(await alertText(page), `Policy ${READ_ONLY} attached to alice.`);
    assert.match(
      await cellsOf(page, "Permissions policies"),
      /ReadOnlyAccess\s*arn:aws:iam::aws:policy\/ReadOnlyAccess/,
    );
    await screenshot(page, "admin-user-detail");
    const groups = await fixture.iam.send(new ListGroupsForUserCommand({ UserName: "alice" }));
    assert.deepEqual(
      groups.Groups?.map((g) => g.GroupName),
      ["developers"],
    );
    const attached = await fixture.iam.send(new ListAttachedUserPoliciesCommand({ UserName: "alice" }));
    assert.deepEqual(
      attached.AttachedPolicies?.map((p) => p.PolicyArn),
      [READ_ONLY],
    );

    // The group's page lists its member (GetGroup), linked to the user's page.
    await page.getByRole("link", { name: "developers" }).click();
    assert.equal(await page.locator("h1").textContent(), "Group developers");
    assert.match(await cellsOf(page, "Members"), /alice/);
    await screenshot(page, "admin-group-detail");

    // A role with a trust policy written in the editor.
    await page.getByRole("link", { name: "Roles", exact: true }).click();
    await page.getByLabel("Role name").fill("deployer");
    const trust = policyDocument({
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await page.getByLabel("Trust policy (JSON)").fill(trust);
    await page.getByRole("button", { name: "Create role" }).click();
    assert.equal(await alertText(page), "Role deployer created.");
    assert.match(await cellsOf(page, "Summary"), /Maximum session duration \(seconds\)\s*3600/);
    assert.match(await cellsOf(page, "Trust policy"), /"Service": "ec2.amazonaws.com"/);
    await screenshot(page, "admin-role-detail");
    const role = await fixture.iam.send(new GetRoleCommand({ RoleName: "deployer" }));
    assert.match(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ""), /ec2\.amazonaws\.com/);

    // A policy whose document the engine refuses: the text comes back with the line and column.
    await page.getByRole("link", { name: "Policies", exact: true }).click();
    await page.getByRole("link", { name: "Create policy" }).click();
    const malformed = [
      "{",
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {"Effect": "Allow",, "Action": "s3:GetObject", "Resource": "*"}',
      "  ]",
      "}",
    ].join("\n");
    await page.getByLabel("Policy name").fill("read-objects");
    await page.getByLabel("Policy document (JSON)").fill(malformed);
    await page.getByRole("button", { name: "Create policy" }).click();
    assert.equal(
      await alertText(page),
      "MalformedPolicyDocument: Syntax errors in policy. (line 4, column 24)",
    );
    const editor = page.getByLabel("Policy document (JSON)");
    assert.equal(await editor.inputValue(), malformed, "the text is kept as typed");
    assert.equal(await page.getByLabel("Policy name").inputValue(), "read-objects");
    assert.equal(await editor.getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator(".gutter .error-line").textContent(), "4");
    // The editor's script put the caret on the error.
    const caret = await editor.evaluate((t: HTMLTextAreaElement) => [
      document.activeElement === t,
      t.selectionStart,
    ]);
    assert.deepEqual(caret, [true, malformed.split("\n").slice(0, 3).join("\n").length + 1 + 23]);
    await screenshot(page, "admin-policy-malformed");
    const none = await fixture.iam.send(new ListPoliciesCommand({ Scope: "Local" }));
    assert.deepEqual(none.Policies, []);
    // An API client sent the same document gets AWS's message, with no position in it.
    assertRefusal(
      await expectRefusal(
        fixture.iam.send(new CreatePolicyCommand({ PolicyName: "read-objects", PolicyDocument: malformed })),
      ),
      "MalformedPolicyDocument",
      400,
      "Syntax errors in policy.",
    );

    // A statement-level refusal points at the statement.
    const noAction = malformed.replace('"Effect": "Allow",, "Action": "s3:GetObject",', '"Effect": "Allow",');
    await editor.fill(noAction);
    await page.getByRole("button", { name: "Create policy" }).click();
    assert.equal(
      await alertText(page),
      "MalformedPolicyDocument: Policy statement must contain actions. (line 4, column 5)",
    );

    // Fixed and saved.
    const fixed = malformed.replace(",,", ",");
    await page.getByLabel("Policy document (JSON)").fill(fixed);
    await page.getByRole("button", { name: "Create policy" }).click();
    assert.equal(await alertText(page), "Policy read-objects created.");
    const policyArn = `arn:aws:iam::${TEST_ACCOUNT_ID}:policy/read-objects`;
    assert.match(await cellsOf(page, "Default version document"), /"Action": "s3:GetObject"/);
    await screenshot(page, "admin-policy-detail");

    // A new version, refused once (the text kept), then saved as the default.
    const version = page.getByLabel("New version document (JSON), set as default");
    const broken = fixed.replace('"s3:GetObject"', '"GetObject"');
    await version.fill(broken);
    await page.getByRole("button", { name: "Save as new default version" }).click();
    assert.equal(
      await alertText(page),
      "MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. (line 4, column 5)",
    );
    assert.equal(await page.getByLabel("New version document (JSON), set as default").inputValue(), broken);
    await page
      .getByLabel("New version document (JSON), set as default")
      .fill(fixed.replace('"s3:GetObject"', '["s3:GetObject", "s3:ListBucket"]'));
    await page.getByRole("button", { name: "Save as new default version" }).click();
    assert.equal(await alertText(page), "Version v2 created and set as default.");
    assert.match(await cellsOf(page, "Default version document"), /s3:ListBucket/);
    const v2 = await fixture.iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: "v2" }));
    assert.equal(v2.PolicyVersion?.IsDefaultVersion, true);

    // The AWS-managed list, next to the customer-managed one, a hundred a page.
    await page.goto(`${fixture.server.url}/console/admin/policies?scope=AWS`);
    const rows = page.locator('section:has(h2:text-is("AWS managed policies")) tbody tr');
    assert.equal(await rows.count(), 100);
    const firstName = await rows.first().locator("td").first().textContent();
    await page.getByRole("link", { name: "Next page" }).click();
    assert.match(new URL(page.url()).search, /^\?scope=AWS&marker=./);
    assert.equal(await rows.count(), 100);
    assert.notEqual(await rows.first().locator("td").first().textContent(), firstName);
    await screenshot(page, "admin-aws-policies-page-2");
    await page.goto(`${fixture.server.url}/console/admin/policies`);
    assert.match(await cellsOf(page, "Customer managed policies"), /read-objects/);

    // Deleting what was made; AWS's DeleteConflict first where something still hangs on.
    await page.goto(`${fixture.server.url}/console/admin/user?name=alice`);
    await page.getByRole("button", { name: "Delete user alice" }).click();
    assert.equal(await alertText(page), "DeleteConflict: Cannot delete entity, must delete policies first.");
    await page.getByRole("button", { name: "Detach ReadOnlyAccess" }).click();
    assert.equal(await alertText(page), `Policy ${READ_ONLY} detached from alice.`);
    await page.getByRole("button", { name: "Remove from group developers" }).click();
    assert.equal(await alertText(page), "User alice removed from group developers.");
    await page.getByRole("button", { name: "Delete user alice" }).click();
    assert.equal(await alertText(page), "User alice deleted.");
    assert.equal(new URL(page.url()).pathname, "/console/admin/users");
    await page.goto(`${fixture.server.url}/console/admin/group?name=developers`);
    await page.getByRole("button", { name: "Delete group developers" }).click();
    assert.equal(await alertText(page), "Group developers deleted.");
    await page.goto(`${fixture.server.url}/console/admin/role?name=deployer`);
    await page.getByRole("button", { name: "Delete role deployer" }).click();
    assert.equal(await alertText(page), "Role deployer deleted.");
    await page.goto(`${fixture.server.url}/console/admin/policy?arn=${encodeURIComponent(policyArn)}`);
    await page.getByRole("button", { name: "Delete policy" }).click();
    assert.match(await alertText(page), /^DeleteConflict: This policy has more than one version\./);
    await page.getByRole("button", { name: "Delete version v1" }).click();
    assert.equal(await alertText(page), "Version v1 deleted.");
    await page.getByRole("button", { name: "Delete policy" }).click();
    assert.equal(await alertText(page), `Policy ${policyArn} deleted.`);
    const users = await fixture.iam.send(new ListUsersCommand({}));
    assert.deepEqual(
      users.Users?.map((u) => u.UserName),
      ["admin"],
    );
    await page.context().close();
  });

  test("a user whose policy allows only reads is refused CreateUser with AWS's AccessDenied message", async () => {
    const page = await signIn(
      "reader",
      policyDocument({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }),
    );
    // More users than a page holds: the rest are on the next page (ListUsers' Marker).
    for (let i = 0; i < 100; i++) {
      await fixture.iam.send(new CreateUserCommand({ UserName: `bulk-${String(i).padStart(3, "0")}` }));
    }
    await page.goto(`${fixture.server.url}/console/admin/users`);
    const rows = page.locator('section:has(h2:text-is("Users")) tbody tr');
    assert.equal(await rows.count(), 100);
    assert.doesNotMatch(await cellsOf(page, "Users"), /reader/);
    await page.getByRole("link", { name: "Next page" }).click();
    assert.match(await cellsOf(page, "Users"), /reader/);
    assert.equal(await page.getByRole("link", { name: "Next page" }).count(), 0);
    await page.getByLabel("User name").fill("mallory");
    await page.getByRole("button", { name: "Create user" }).click();
    assert.equal(
      await alertText(page),
      `AccessDenied: User: arn:aws:iam::${TEST_ACCOUNT_ID}:user/reader is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${TEST_ACCOUNT_ID}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
    );
    assert.equal(await page.getByLabel("User name").inputValue(), "mallory", "what was typed is kept");
    await screenshot(page, "admin-access-denied");
    await page.context().close();
  });
});
