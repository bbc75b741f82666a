// The console's security properties, read off a whole session in a real browser: every response's
// headers (CSP, frame denial, nosniff, no-store), the session cookie's flags, no session id or
// secret in any URL, the session id replaced at sign-in and dead after sign-out, CSRF tokens on
// every state change; and an axe-core accessibility check of each page with no serious violations.

import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { CreateGroupCommand, CreateRoleCommand } from "@aws-sdk/client-iam";
import type { Page } from "playwright-core";
import { CONSOLE_COOKIE, CONTENT_SECURITY_POLICY } from "../../src/console/createConsoleHandler.ts";
import {
  CHROMIUM_MISSING,
  chromiumAvailable,
  createConsoleUser,
  giveVirtualMfa,
  policyDocument,
  SELF_SERVICE_ACTIONS,
  SELF_SERVICE_POLICY,
  screenshot,
  submitSignIn,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Passw0rd!";
const fixture = useConsoleBrowser();
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** The admin pages a session visits in these tests (with what the admin test below creates). */
const ADMIN_PAGES = [
  "/console/admin/users",
  "/console/admin/user?name=a11y-user",
  "/console/admin/groups",
  "/console/admin/group?name=a11y-group",
  "/console/admin/roles",
  "/console/admin/role?name=a11y-role",
  "/console/admin/policies",
  "/console/admin/policies?scope=AWS",
  "/console/admin/policies/new",
  `/console/admin/policy?arn=${encodeURIComponent("arn:aws:iam::aws:policy/ReadOnlyAccess")}`,
];

/** Runs axe-core on the page (injected: the console's CSP would rightly refuse it) and keeps a screenshot. */
async function checkAccessibility(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: fs.readFileSync(AXE_PATH, "utf8") });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe's global, injected above
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v: { id: string; impact: string; nodes: Array<{ target: unknown }> }) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target),
    }));
  });
  const serious = result.filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(serious, [], `${name}: ${JSON.stringify(result)}`);
  await screenshot(page, `a11y-${name}`);
}

describe("console security", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("every response of a session carries the security headers, and the cookie its flags", async () => {
    await createConsoleUser(fixture.iam, "headers", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const context = await fixture.newContext();
    const page = await context.newPage();
    // Each response's headers are read asynchronously; the reads are kept and awaited before the
    // assertions. A read still running when the page closes (after sign-out) settles as null
    // instead of rejecting after the test has ended.
    const headerReads: Array<Promise<{ url: string; headers: Record<string, string> } | null>> = [];
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    page.on("response", (r) => {
      headerReads.push(
        r.allHeaders().then(
          (headers) => ({ url: r.url(), headers }),
          () => null,
        ),
      );
    });

    await page.goto(`${fixture.server.url}/console/signin`);
    const before = (await context.cookies()).find((c) => c.name === CONSOLE_COOKIE);
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "headers",
      password: PASSWORD,
    });
    await page.getByRole("button", { name: "Create access key" }).click();
    const secret = ((await page.locator("#secret-access-key").textContent()) ?? "").trim();
    // The admin pages (their listings refused to this user, which is shown, not hidden) carry
    // the same headers, and load no script but from a served file.
    for (const path of ADMIN_PAGES) {
      await page.goto(`${fixture.server.url}${path}`);
      assert.equal(await page.locator("script:not([src])").count(), 0, path);
      assert.equal(await page.locator("style, [style]").count(), 0, path);
    }
    await page.goto(`${fixture.server.url}/console/home`);
    await page.goto(`${fixture.server.url}/console/password`);
    await page.goto(`${fixture.server.url}/console/audit`);
    await page.goto(`${fixture.server.url}/console/findings`);
    const cookie = (await context.cookies()).find((c) => c.name === CONSOLE_COOKIE);
    assert.ok(before && cookie);

    const responses = (await Promise.all(headerReads)).filter((r) => r !== null);
    assert.ok(responses.length >= 8 + ADMIN_PAGES.length, `${responses.length} responses read`);
    for (const { url, headers } of responses) {
      assert.equal(headers["content-security-policy"], CONTENT_SECURITY_POLICY, url);
      assert.equal(headers["x-frame-options"], "DENY", url);
      assert.equal(headers["x-content-type-options"], "nosniff", url);
      assert.match(headers["cache-control"] ?? "", /no-store|no-cache/, url);
      assert.equal(headers["referrer-policy"], "same-origin", url);
      for (const line of (headers["set-cookie"] ?? "").split("\n").filter(Boolean)) {
        assert.match(line, /; Path=\/console; HttpOnly; SameSite=Strict/, url);
      }
    }
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Strict");
    assert.equal(cookie.secure, false, "plain HTTP here; Secure is set when served over TLS");
    assert.equal(cookie.path, "/console");
    assert.notEqual(cookie.value, before.value, "the session id is replaced at sign-in");
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    for (const url of urls) {
      assert.ok(!url.includes(cookie.value) && !url.includes(before.value), `no session id in ${url}`);
      assert.ok(!url.includes(secret), `no secret in ${url}`);
    }
    // No inline script or style anywhere.
    assert.equal(await page.locator("script").count(), 0);
    assert.equal(await page.locator("style, [style]").count(), 0);

    // Sign-out ends the session on the server: the old id no longer opens a page.
    await page.getByRole("button", { name: "Sign out" }).click();
    const replay = await fetch(`${fixture.server.url}/console/home`, {
      headers: { cookie: `${CONSOLE_COOKIE}=${cookie.value}` },
      redirect: "manual",
    });
    assert.equal(replay.status, 303);
    assert.equal(replay.headers.get("location"), "/console/signin");
    await context.close();
  });

  test("a state change without the session's CSRF token, or from another origin, is refused", async () => {
    await createConsoleUser(fixture.iam, "csrf", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "csrf",
      password: PASSWORD,
    });
    const cookie = (await context.cookies()).find((c) => c.name === CONSOLE_COOKIE)?.value;
    const token = await page.locator('input[name="csrf"]').first().inputValue();
    const post = (body: string, origin = fixture.server.url) =>
      fetch(`${fixture.server.url}/console/access-keys/new`, {
        method: "POST",
        headers: {
          cookie: `${CONSOLE_COOKIE}=${cookie}`,
          "content-type": "application/x-www-form-urlencoded",
          origin,
        },
        body,
        redirect: "manual",
      });
    assert.equal((await post("")).status, 403);
    assert.equal((await post("csrf=forged")).status, 403);
    assert.equal((await post(`csrf=${token}`, "https://evil.example")).status, 403);
    const accepted = await post(`csrf=${encodeURIComponent(token)}`);
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get("location"), "/console/access-keys/created");
    // The sign-in form has its own token too (login CSRF).
    const signIn = await fetch(`${fixture.server.url}/console/signin`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `account=${TEST_ACCOUNT_ID}&username=csrf&password=${encodeURIComponent(PASSWORD)}`,
      redirect: "manual",
    });
    assert.equal(signIn.status, 403);
    // The admin pages' forms too.
    const createUser = await fetch(`${fixture.server.url}/console/admin/users/create`, {
      method: "POST",
      headers: { cookie: `${CONSOLE_COOKIE}=${cookie}`, "content-type": "application/x-www-form-urlencoded" },
      body: "name=forged",
      redirect: "manual",
    });
    assert.equal(createUser.status, 403);
    for (const form of await page.locator("form[method=post]").all()) {
      assert.equal(await form.locator('input[name="csrf"]').count(), 1);
    }
    await context.close();
  });

  test("every page passes axe-core with no serious or critical violations, and works by keyboard", async () => {
    // Allowed the audit and analyzer pages' actions too, so those pages show their tables.
    await createConsoleUser(fixture.iam, "a11y", PASSWORD, {
      policy: policyDocument({
        Effect: "Allow",
        Action: [
          ...SELF_SERVICE_ACTIONS,
          "cloudtrail:LookupEvents",
          "iam:GetAccountAuthorizationDetails",
          "iam:GenerateCredentialReport",
          "iam:GetCredentialReport",
        ],
        Resource: "*",
      }),
    });
    const { app } = await giveVirtualMfa(fixture.iam, "a11y");
    // axe is injected as a script, which the console's own CSP would (rightly) refuse.
    const context = await fixture.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const check = (name: string) => checkAccessibility(page, name);
    await page.goto(`${fixture.server.url}/console/signin`);
    await check("sign-in");

    // By keyboard alone: tab to each field, type, and press Enter.
    await page.keyboard.press("Tab"); // the "IAM user" radio
    await page.keyboard.press("Tab");
    await page.keyboard.type(TEST_ACCOUNT_ID);
    await page.keyboard.press("Tab");
    await page.keyboard.type("a11y");
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console\/mfa$/);
    await check("mfa-code");
    await page.keyboard.press("Tab");
    await page.keyboard.type(app.code(1));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console\/home$/);
    await check("home");

    for (const path of ["/console/password", "/console/audit", "/console/findings"]) {
      await page.goto(`${fixture.server.url}${path}`);
      await check(path.slice(9));
    }
    await page.goto(`${fixture.server.url}/console/home`);
    await page.getByLabel("New virtual MFA device name").fill("a11y-second");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console\/mfa-devices\/setup$/);
    await check("mfa-setup");
    await page.goto(`${fixture.server.url}/console/home`);
    await page.getByRole("button", { name: "Create access key" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console\/access-keys\/created$/);
    await check("access-key-created");
    await context.close();
  });

  test("the admin pages pass axe-core, put a CSRF token in every form, and work by keyboard", async () => {
    await createConsoleUser(fixture.iam, "a11yadmin", PASSWORD, {
      policy: policyDocument({ Effect: "Allow", Action: "iam:*", Resource: "*" }),
    });
    await fixture.iam.send(new CreateGroupCommand({ GroupName: "a11y-group" }));
    await fixture.iam.send(
      new CreateRoleCommand({
        RoleName: "a11y-role",
        AssumeRolePolicyDocument: policyDocument({
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        }),
      }),
    );
    const context = await fixture.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "a11yadmin",
      password: PASSWORD,
    });

    // A user created by keyboard alone: the name field, then Enter.
    await page.goto(`${fixture.server.url}/console/admin/users`);
    await page.getByLabel("User name").focus();
    await page.keyboard.type("a11y-user");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/console\/admin\/user\?name=a11y-user$/);

    for (const path of ADMIN_PAGES) {
      await page.goto(`${fixture.server.url}${path}`);
      for (const form of await page.locator("form[method=post]").all()) {
        assert.equal(await form.locator('input[name="csrf"]').count(), 1, path);
      }
      await checkAccessibility(page, path.slice(9).replace(/[^\w-]+/g, "_"));
    }

    // The editor showing a refusal, reached by keyboard: type, Tab to the button, Enter.
    await page.goto(`${fixture.server.url}/console/admin/policies/new`);
    await page.getByLabel("Policy name").fill("a11y-policy");
    await page.getByLabel("Policy document (JSON)").fill('{"Version": "2012-10-17", "Statement": [}');
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForLoadState("load");
    assert.match((await page.locator("[role=alert]").first().textContent()) ?? "", /line 1, column 41/);
    await checkAccessibility(page, "admin-policy-editor-error");
    await context.close();
  });
});
