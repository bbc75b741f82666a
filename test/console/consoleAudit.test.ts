// The audit trail page in a real browser: the console lists the account's records through
// LookupEvents as the signed-in principal, newest first, filtered by event name, user name and
// time, in pages; a principal without cloudtrail:LookupEvents sees AWS's AccessDenied; and no
// secret (an access key's, a password) ever shows, however the records are opened.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  TagUserCommand,
} from "@aws-sdk/client-iam";
import {
  CHROMIUM_MISSING,
  chromiumAvailable,
  createConsoleUser,
  pageAsUnprivileged,
  policyDocument,
  screenshot,
  signedInPage,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";

const PASSWORD = "Console-Audit-Passw0rd!";
const TARGET_PASSWORD = "Target-Secret-Passw0rd!";
const fixture = useConsoleBrowser();

describe("console audit trail", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("records are listed newest first, filtered, paged, and never show a secret", async () => {
    await createConsoleUser(fixture.iam, "auditor", PASSWORD, {
      policy: policyDocument({ Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" }),
    });
    await fixture.iam.send(new CreateUserCommand({ UserName: "target" }));
    await fixture.iam.send(new CreateLoginProfileCommand({ UserName: "target", Password: TARGET_PASSWORD }));
    const key = await fixture.iam.send(new CreateAccessKeyCommand({ UserName: "target" }));
    const secret = key.AccessKey?.SecretAccessKey;
    assert.ok(secret);
    for (let i = 0; i < 30; i++) {
      await fixture.iam.send(
        new TagUserCommand({ UserName: "target", Tags: [{ Key: `k${i}`, Value: "v" }] }),
      );
    }

    const { context, page } = await signedInPage(fixture, "auditor", PASSWORD);
    await page.getByRole("link", { name: "Audit trail" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/audit");
    await screenshot(page, "audit-trail");
    const times = await page
      .locator("tbody tr td:first-child time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    assert.equal(times.length, 25, "a page holds 25 events");
    assert.deepEqual([...times].sort().reverse(), times, "newest first");

    // Every record opened: no secret in any of them.
    for (const details of await page.locator("details").all()) await details.locator("summary").click();
    const everything = (await page.content()) + ((await page.locator("main").textContent()) ?? "");
    assert.ok(!everything.includes(secret), "the access key's secret is not shown");
    assert.ok(!everything.includes(TARGET_PASSWORD), "the password is not shown");

    // By event name: 30 TagUser records, 25 then 5.
    await page.getByLabel("Event name").fill("TagUser");
    await page.getByRole("button", { name: "Look up events" }).click();
    const names = async () => page.locator("tbody tr td:nth-child(2)").allTextContents();
    assert.equal((await names()).length, 25);
    assert.ok((await names()).every((n) => n === "TagUser"));
    await page.getByRole("link", { name: "Older events" }).click();
    assert.equal((await names()).length, 5);
    assert.equal(await page.getByRole("link", { name: "Older events" }).count(), 0);
    assert.equal(await page.getByLabel("Event name").inputValue(), "TagUser", "the filter is kept");

    // By event name and user name: the auditor's own sign-in.
    await page.goto(`${fixture.server.url}/console/audit`);
    await page.getByLabel("Event name").fill("CreateAccessKey");
    await page.getByRole("button", { name: "Look up events" }).click();
    assert.deepEqual(await names(), ["CreateAccessKey"]);
    assert.ok(!(await page.content()).includes(secret));
    await page.goto(`${fixture.server.url}/console/audit`);
    await page.getByLabel("Event name").fill("ConsoleLogin");
    await page.getByLabel("User name").fill("auditor");
    await page.getByRole("button", { name: "Look up events" }).click();
    assert.deepEqual(await names(), ["ConsoleLogin"]);
    assert.deepEqual(await page.locator("tbody tr td:nth-child(3)").allTextContents(), ["auditor"]);

    // By time: a range that ends before anything happened holds nothing; one around now, everything.
    await page.goto(`${fixture.server.url}/console/audit`);
    await page.getByLabel("To (UTC)").fill("2020-01-01T00:00");
    await page.getByRole("button", { name: "Look up events" }).click();
    assert.match((await page.locator("main").textContent()) ?? "", /No events match\./);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString().slice(0, 16);
    await page.getByLabel("To (UTC)").fill("");
    await page.getByLabel("From (UTC)").fill(hourAgo);
    await page.getByLabel("Event name").fill("CreateUser");
    await page.getByRole("button", { name: "Look up events" }).click();
    assert.ok((await names()).length >= 2, "the users made in the last hour");
    await screenshot(page, "audit-trail-filtered");
    await context.close();
  });

  test("a principal without cloudtrail:LookupEvents is refused with AccessDenied", async () => {
    const refused = await pageAsUnprivileged(fixture, "nosy", PASSWORD, "/console/audit");
    assert.match(refused.alert, /^AccessDenied: .*cloudtrail:LookupEvents/);
    assert.equal(refused.rows, 0);
  });
});
