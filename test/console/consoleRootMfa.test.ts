// The account root signs in to the console with its root password (`portcullis account
// root-password`) and, once it has a virtual MFA device, a code from it: the session is then an
// MFA session (aws:MultiFactorAuthPresent), and the sign-in is recorded with MFAUsed.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { CreateVirtualMFADeviceCommand } from "@aws-sdk/client-iam";
import { setRootPassword } from "../../src/server/setRootPassword.ts";
import {
  alertText,
  CHROMIUM_MISSING,
  chromiumAvailable,
  screenshot,
  submitSignIn,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const ROOT_PASSWORD = "Root-Mfa-Passw0rd!";
const fixture = useConsoleBrowser();

describe("console sign-in of the root with MFA", {
  skip: chromiumAvailable ? false : CHROMIUM_MISSING,
}, () => {
  test("root with a virtual MFA device is asked for a code, and its session has MFA", async () => {
    const { store, sealer } = fixture.server.server.data;
    await setRootPassword(store, sealer, TEST_ACCOUNT_ID, ROOT_PASSWORD, randomBytes);
    const created = await fixture.iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "root-app" }),
    );
    const device = created.VirtualMFADevice;
    assert.ok(device?.SerialNumber && device.Base32StringSeed);
    const app = new VirtualMfaApp(device.Base32StringSeed);
    // EnableMFADevice needs a UserName (IAM's model), so the root's device is assigned as an
    // operator would, in the store, the way `portcullis account root-password` sets the password.
    assert.ok(
      await store.mfaDevices.assign(
        device.SerialNumber,
        { kind: "root" },
        {
          enableDate: new Date(),
          lastUsedStep: 0,
          driftSteps: 0,
        },
      ),
    );

    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      root: true,
      password: ROOT_PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/mfa", "the password alone does not sign root in");
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(device.SerialNumber));
    await screenshot(page, "mfa-code-root");

    await page.getByLabel("MFA code").fill(app.code(0) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Submit" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/mfa", "a wrong code is refused");
    assert.notEqual(await alertText(page), "");

    await page.getByLabel("MFA code").fill(app.code(0));
    await page.getByRole("button", { name: "Submit" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.match((await page.locator("header").textContent()) ?? "", /arn:aws:iam::111122223333:root/);
    assert.match((await page.locator(".rule").first().textContent()) ?? "", /signed in with MFA at/);
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(device.SerialNumber));
    await screenshot(page, "home-root-with-mfa");
    await context.close();

    // Sign-in records are buffered like reads; the buffer flushes every second.
    await new Promise((r) => setTimeout(r, 1300));
    const records = await store.audit.query({ eventName: "ConsoleLogin" });
    assert.deepEqual(
      records
        .filter((r) => r.userIdentity.type === "Root")
        .map((r) => `${r.responseElements?.ConsoleLogin} MFAUsed=${r.additionalEventData?.MFAUsed}`)
        .sort(),
      ["Failure MFAUsed=Yes", "Success MFAUsed=Yes"],
    );
  });
});
