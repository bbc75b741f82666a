// "My security credentials" in a real browser: adding a second MFA device (the 2023 rule shown and
// satisfied by the session's own MFA), creating an access key (secret shown once, CSV download),
// deactivating and deleting it, and an action the user's policy denies, refused with AWS's message.

import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { ListAccessKeysCommand, ListMFADevicesCommand } from "@aws-sdk/client-iam";
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import {
  alertText,
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

async function signedInPage(userName: string, mfa?: { code: () => string }): Promise<Page> {
  const context = await fixture.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await submitSignIn(page, fixture.server.url, { account: TEST_ACCOUNT_ID, userName, password: PASSWORD });
  if (mfa) {
    await page.getByLabel("MFA code").fill(mfa.code());
    await page.getByRole("button", { name: "Submit" }).click();
  }
  assert.equal(new URL(page.url()).pathname, "/console/home");
  return page;
}

describe("my security credentials", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("a user signed in with MFA adds a second virtual MFA device with two codes from its QR code", async () => {
    await createConsoleUser(fixture.iam, "twodevices", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const { app } = await giveVirtualMfa(fixture.iam, "twodevices", "first-device");
    const page = await signedInPage("twodevices", { code: () => app.code(1) });
    const rule = (await page.locator(".rule").first().textContent()) ?? "";
    assert.match(rule, /Adding a device after the first needs your existing MFA/);
    assert.match(rule, /signed in with MFA/);

    await page.getByLabel("New virtual MFA device name").fill("second-device");
    await page.getByRole("button", { name: "Assign MFA device" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/mfa-devices/setup");
    const qr = page.getByRole("img", { name: /QR code/ });
    assert.ok(
      await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      "the QR code shows",
    );
    assert.ok(!(await qr.getAttribute("src"))?.includes("secret"), "no secret in the image's URL");
    await screenshot(page, "mfa-setup");

    const secret = ((await page.locator("#secret-key").textContent()) ?? "").trim();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    const at = (offset: number) => totp.generate({ timestamp: Date.now() + offset * 30_000 });
    await page.getByLabel("MFA code 1").fill(at(-1));
    await page.getByLabel("MFA code 2").fill(at(0));
    await page.getByRole("button", { name: "Add MFA device" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.match(await alertText(page), /MFA device arn:aws:iam::111122223333:mfa\/second-device added/);
    await screenshot(page, "home-two-devices");

    const listed = await fixture.iam.send(new ListMFADevicesCommand({ UserName: "twodevices" }));
    assert.deepEqual(listed.MFADevices?.map((d) => d.SerialNumber).sort(), [
      `arn:aws:iam::${TEST_ACCOUNT_ID}:mfa/first-device`,
      `arn:aws:iam::${TEST_ACCOUNT_ID}:mfa/second-device`,
    ]);

    // And removes it again, through DeactivateMFADevice and DeleteVirtualMFADevice.
    await page
      .getByRole("button", { name: `Remove MFA device arn:aws:iam::${TEST_ACCOUNT_ID}:mfa/second-device` })
      .click();
    assert.match(await alertText(page), /removed/);
    const after = await fixture.iam.send(new ListMFADevicesCommand({ UserName: "twodevices" }));
    assert.equal(after.MFADevices?.length, 1);
    await page.context().close();
  });

  test("an access key is created with its secret shown once and as CSV, then deactivated and deleted", async () => {
    await createConsoleUser(fixture.iam, "keys", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const page = await signedInPage("keys");
    const visited: string[] = [];
    page.on("request", (r) => visited.push(r.url()));
    await page.getByRole("button", { name: "Create access key" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/access-keys/created");
    const accessKeyId = ((await page.locator("#access-key-id").textContent()) ?? "").trim();
    const secret = ((await page.locator("#secret-access-key").textContent()) ?? "").trim();
    assert.match(accessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(secret.length, 40);
    await screenshot(page, "access-key-created");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .csv file" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "keys_accessKeys.csv");
    const csv = fs.readFileSync(await download.path(), "utf8");
    assert.equal(csv, `Access key ID,Secret access key\n${accessKeyId},${secret}\n`);

    await page.reload();
    assert.match((await page.locator("main").textContent()) ?? "", /shown once and is no longer available/);
    assert.ok(!(await page.content()).includes(secret), "the secret is not shown again");
    assert.ok(!visited.some((u) => u.includes(secret) || u.includes(accessKeyId)), "no key in any URL");

    await page.getByRole("link", { name: "Back to my security credentials" }).click();
    assert.match(
      (await page.locator("#keys-heading + table").textContent()) ?? "",
      new RegExp(`${accessKeyId}\\s*Active`),
    );
    await page.getByRole("button", { name: `Deactivate ${accessKeyId}` }).click();
    assert.equal(await alertText(page), `Access key ${accessKeyId} is now Inactive.`);
    const listed = await fixture.iam.send(new ListAccessKeysCommand({ UserName: "keys" }));
    assert.equal(listed.AccessKeyMetadata?.[0]?.Status, "Inactive");
    await screenshot(page, "access-key-inactive");

    await page.getByRole("button", { name: `Delete ${accessKeyId}` }).click();
    assert.equal(await alertText(page), `Access key ${accessKeyId} deleted.`);
    const none = await fixture.iam.send(new ListAccessKeysCommand({ UserName: "keys" }));
    assert.deepEqual(none.AccessKeyMetadata, []);
    await page.context().close();
  });

  test("an action the user's policy denies is refused on the page with AWS's AccessDenied message", async () => {
    await createConsoleUser(fixture.iam, "denied", PASSWORD, {
      policy: policyDocument(
        { Effect: "Allow", Action: SELF_SERVICE_ACTIONS, Resource: "*" },
        { Effect: "Deny", Action: "iam:CreateAccessKey", Resource: "*" },
      ),
    });
    const page = await signedInPage("denied");
    await page.getByRole("button", { name: "Create access key" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.equal(
      await alertText(page),
      `AccessDenied: User: arn:aws:iam::${TEST_ACCOUNT_ID}:user/denied is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::${TEST_ACCOUNT_ID}:user/denied with an explicit deny in an identity-based policy`,
    );
    await screenshot(page, "access-denied");
    const none = await fixture.iam.send(new ListAccessKeysCommand({ UserName: "denied" }));
    assert.deepEqual(none.AccessKeyMetadata, []);
    await page.context().close();
  });
});
