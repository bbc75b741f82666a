// The console's sign-in in a real browser: without MFA, with a TOTP code, wrong password and wrong
// code (the same answer for an unknown user and a user without a password), the root's own
// password, a forced password change, sign-out ending the session server-side, and what each
// attempt leaves in the audit trail (ConsoleLogin, MFAUsed, never the password) and the
// credential report (password_last_used).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateUserCommand, GetLoginProfileCommand, GetUserCommand } from "@aws-sdk/client-iam";
import { setRootPassword } from "../../src/server/setRootPassword.ts";
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

const REFUSED = "Your authentication information is incorrect. Please try again.";
const PASSWORD = "Console-Passw0rd!";

const fixture = useConsoleBrowser();

async function consoleLoginRecords(userName?: string) {
  // Sign-in records are buffered like reads; the buffer flushes every second.
  await new Promise((r) => setTimeout(r, 1300));
  const records = await fixture.server.server.data.store.audit.query({ eventName: "ConsoleLogin" });
  return userName === undefined ? records : records.filter((r) => r.userIdentity.userName === userName);
}

describe("console sign-in", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("a user without MFA signs in with a password, sees its credentials, and signs out", async () => {
    await createConsoleUser(fixture.iam, "nomfa", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "nomfa",
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.equal(await page.locator("h1").textContent(), "My security credentials");
    assert.match((await page.locator("header").textContent()) ?? "", /arn:aws:iam::111122223333:user\/nomfa/);
    assert.match((await page.locator(".rule").first().textContent()) ?? "", /no MFA device yet/);
    await screenshot(page, "home-without-mfa");

    const user = await fixture.iam.send(new GetUserCommand({ UserName: "nomfa" }));
    assert.ok(user.User?.PasswordLastUsed, "sign-in sets PasswordLastUsed");

    await page.getByRole("button", { name: "Sign out" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/signin");
    await page.goto(`${fixture.server.url}/console/home`);
    assert.equal(new URL(page.url()).pathname, "/console/signin", "the session ended server-side");

    const [record] = await consoleLoginRecords("nomfa");
    assert.equal(record?.eventSource, "signin.amazonaws.com");
    assert.equal(record?.eventType, "AwsConsoleSignIn");
    assert.deepEqual(record?.responseElements, { ConsoleLogin: "Success" });
    assert.equal(record?.additionalEventData?.MFAUsed, "No");
    await context.close();
  });

  test("a wrong password, an unknown user and a user without a password get the same answer", async () => {
    await createConsoleUser(fixture.iam, "typo", PASSWORD, { policy: SELF_SERVICE_POLICY });
    await fixture.iam.send(new CreateUserCommand({ UserName: "nopassword" }));
    const context = await fixture.newContext();
    const page = await context.newPage();
    const answers: string[] = [];
    for (const userName of ["typo", "nobody-at-all", "nopassword"]) {
      await submitSignIn(page, fixture.server.url, {
        account: TEST_ACCOUNT_ID,
        userName,
        password: "Wrong-passw0rd",
      });
      assert.equal(new URL(page.url()).pathname, "/console/signin");
      answers.push(await alertText(page));
    }
    await screenshot(page, "sign-in-refused");
    assert.deepEqual(answers, [REFUSED, REFUSED, REFUSED]);
    // The password field is never filled back in.
    assert.equal(await page.getByLabel("Password", { exact: true }).inputValue(), "");

    const records = await consoleLoginRecords();
    const failures = records.filter((r) => r.responseElements?.ConsoleLogin === "Failure");
    assert.ok(failures.every((r) => r.errorMessage === "Failed authentication"));
    assert.ok(failures.some((r) => r.userIdentity.userName === "typo"));
    assert.ok(failures.some((r) => r.userIdentity.userName === "HIDDEN_DUE_TO_SECURITY_REASONS"));
    assert.ok(!JSON.stringify(records).includes("Wrong-passw0rd"), "no password in the trail");
    assert.ok(!JSON.stringify(records).includes(PASSWORD), "no password in the trail");
    await context.close();
  });

  test("the answer takes as long for an unknown user as for a wrong password", async () => {
    const timed = async (userName: string) => {
      const context = await fixture.newContext();
      const page = await context.newPage();
      await page.goto(`${fixture.server.url}/console/signin`);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await submitSignIn(page, fixture.server.url, {
          account: TEST_ACCOUNT_ID,
          userName,
          password: "Wrong-passw0rd",
        });
        times.push(performance.now() - started);
      }
      await context.close();
      return Math.min(...times);
    };
    const wrongPassword = await timed("typo");
    const unknown = await timed("nobody-else");
    // Both pay one scrypt verification; an unknown user answered without one would be many times faster.
    assert.ok(
      unknown > wrongPassword / 3,
      `unknown user ${unknown} ms vs wrong password ${wrongPassword} ms`,
    );
  });

  test("a user with a virtual MFA device needs a code; a wrong code is refused, a right one signs in with MFA", async () => {
    // Access keys may be listed only with MFA: the console session carries aws:MultiFactorAuthPresent.
    await createConsoleUser(fixture.iam, "withmfa", PASSWORD, {
      policy: policyDocument(
        { Effect: "Allow", Action: SELF_SERVICE_ACTIONS, Resource: "*" },
        {
          Effect: "Deny",
          Action: "iam:ListAccessKeys",
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ),
    });
    const { app, serialNumber } = await giveVirtualMfa(fixture.iam, "withmfa");
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "withmfa",
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/mfa");
    const code = page.getByLabel("MFA code");
    assert.equal(await code.getAttribute("autocomplete"), "one-time-code");
    assert.equal(await code.getAttribute("inputmode"), "numeric");
    assert.match((await page.locator("main").textContent()) ?? "", new RegExp(serialNumber));
    await screenshot(page, "mfa-code");

    await code.fill(app.code(0) === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Submit" }).click();
    assert.equal(await alertText(page), REFUSED);
    assert.equal(new URL(page.url()).pathname, "/console/mfa");

    // The enabling codes spent the current step; the next one is inside the ±1 window.
    await page.getByLabel("MFA code").fill(app.code(1));
    await page.getByRole("button", { name: "Submit" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.match((await page.locator(".rule").first().textContent()) ?? "", /signed in with MFA at/);
    assert.equal(await page.locator("#keys-heading").count(), 1, "ListAccessKeys allowed with MFA");
    assert.equal(await page.locator("section:has(#keys-heading) .alert").count(), 0);
    await screenshot(page, "home-with-mfa");

    const records = await consoleLoginRecords("withmfa");
    assert.deepEqual(
      records
        .map((r) => `${r.responseElements?.ConsoleLogin} MFAUsed=${r.additionalEventData?.MFAUsed}`)
        .sort(),
      ["Failure MFAUsed=Yes", "Success MFAUsed=Yes"],
    );
    await context.close();
  });

  test("PasswordResetRequired forces a new password before anything else", async () => {
    await createConsoleUser(fixture.iam, "mustreset", PASSWORD, {
      policy: SELF_SERVICE_POLICY,
      passwordResetRequired: true,
    });
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "mustreset",
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/password");
    assert.match((await page.locator(".rule").textContent()) ?? "", /requires you to set a new password/);
    await screenshot(page, "forced-password-change");
    await page.goto(`${fixture.server.url}/console/home`);
    assert.equal(
      new URL(page.url()).pathname,
      "/console/password",
      "nothing else until the password is changed",
    );

    assert.equal(
      await page.getByLabel("New password", { exact: true }).getAttribute("autocomplete"),
      "new-password",
    );
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("Another-Passw0rd!");
    await page.getByLabel("Confirm new password").fill("Another-Passw0rd!");
    await page.getByRole("button", { name: "Change password" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.equal(await alertText(page), "Your password has been changed.");
    const profile = await fixture.iam.send(new GetLoginProfileCommand({ UserName: "mustreset" }));
    assert.equal(profile.LoginProfile?.PasswordResetRequired, false);
    await context.close();
  });

  test("the root user signs in with the password set for it, by account id or alias", async () => {
    const { store, sealer } = fixture.server.server.data;
    await setRootPassword(store, sealer, TEST_ACCOUNT_ID, "Root-Passw0rd!", (n) => Buffer.alloc(n, 7));
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      root: true,
      password: "Wrong-passw0rd",
    });
    assert.equal(await alertText(page), REFUSED);
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      root: true,
      password: "Root-Passw0rd!",
    });
    assert.equal(new URL(page.url()).pathname, "/console/home");
    assert.match((await page.locator("header").textContent()) ?? "", /arn:aws:iam::111122223333:root/);
    await screenshot(page, "home-root");
    await context.close();
    assert.ok((await store.rootPasswords.get(TEST_ACCOUNT_ID))?.passwordLastUsed);
  });
});
