// Security keys in a real browser, with a virtual authenticator through the DevTools protocol
// (WebAuthn.addVirtualAuthenticator): a user registers a key from "My security credentials"
// (as its first MFA device, which needs no MFA yet), ListMFADevices lists it as AWS lists security
// keys (a u2f serial number), the next sign-in asks for it and the session carries MFA, and a key
// takes no TOTP code at GetSessionToken.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateAccessKeyCommand, ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { stsClient } from "../support/awsClients.ts";
import {
  alertText,
  CHROMIUM_MISSING,
  chromiumAvailable,
  createConsoleUser,
  SELF_SERVICE_POLICY,
  screenshot,
  submitSignIn,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Passw0rd!";
const fixture = useConsoleBrowser();

describe("console security keys", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("a user registers a security key, then signs in with it", async () => {
    await createConsoleUser(fixture.iam, "fido", PASSWORD, { policy: SELF_SERVICE_POLICY });
    // WebAuthn needs a domain as relying party id, not an IP address.
    const url = fixture.server.url.replace("127.0.0.1", "localhost");
    const context = await fixture.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable", { enableUI: false });
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "usb",
        hasResidentKey: false,
        hasUserVerification: false,
        automaticPresenceSimulation: true,
      },
    });

    await submitSignIn(page, url, { account: TEST_ACCOUNT_ID, userName: "fido", password: PASSWORD });
    assert.equal(new URL(page.url()).pathname, "/console/home");
    await page.getByLabel("New security key name").fill("yubikey");
    await page.getByRole("button", { name: "Add security key" }).click();
    await page.waitForURL(/\/console\/home$/);
    await page.waitForSelector(".alert");
    const added = await alertText(page);
    assert.match(
      added,
      /^Security key arn:aws:iam::111122223333:u2f\/user\/fido\/yubikey-[A-Z2-7]{26} added\.$/,
      added,
    );
    await screenshot(page, "security-key-added");

    const listed = await fixture.iam.send(new ListMFADevicesCommand({ UserName: "fido" }));
    assert.equal(listed.MFADevices?.length, 1);
    const serialNumber = listed.MFADevices?.[0]?.SerialNumber ?? "";
    assert.match(serialNumber, /^arn:aws:iam::111122223333:u2f\/user\/fido\/yubikey-/);
    assert.ok(listed.MFADevices?.[0]?.EnableDate);

    await page.getByRole("button", { name: "Sign out" }).click();
    await submitSignIn(page, url, { account: TEST_ACCOUNT_ID, userName: "fido", password: PASSWORD });
    assert.equal(new URL(page.url()).pathname, "/console/mfa");
    await screenshot(page, "security-key-sign-in");
    await page.getByRole("button", { name: "Use security key" }).click();
    await page.waitForURL(/\/console\/home$/);
    assert.match((await page.locator(".rule").first().textContent()) ?? "", /signed in with MFA at/);
    await screenshot(page, "home-signed-in-with-security-key");
    await context.close();

    // A security key has no seed: no TOTP code passes for it.
    const key = await fixture.iam.send(new CreateAccessKeyCommand({ UserName: "fido" }));
    const sts = stsClient(fixture.server.url, {
      accessKeyId: key.AccessKey?.AccessKeyId ?? "",
      secretAccessKey: key.AccessKey?.SecretAccessKey ?? "",
    });
    await expectAwsError(
      sts.send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode: "123456" })),
      "AccessDenied",
      403,
      "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    );
  });
});
