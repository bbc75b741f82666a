// Throttled console sign-in, in a real browser (its own server, so other suites' failures from
// the same address do not count here): after PASSWORD_THROTTLE.name failed passwords for one name,
// even the right password is refused until the window ends, for that name only; and failed MFA
// codes are throttled as GetSessionToken's are.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PASSWORD_THROTTLE, SIGN_IN_REFUSED } from "../../src/server/ConsoleSignIn.ts";
import {
  alertText,
  CHROMIUM_MISSING,
  chromiumAvailable,
  createConsoleUser,
  giveVirtualMfa,
  SELF_SERVICE_POLICY,
  screenshot,
  submitSignIn,
  useConsoleBrowser,
} from "../support/consoleBrowser.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Passw0rd!";
const fixture = useConsoleBrowser();

describe("console sign-in throttling", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("failed passwords for one name lock that name, not others", async () => {
    await createConsoleUser(fixture.iam, "guessed", PASSWORD, { policy: SELF_SERVICE_POLICY });
    await createConsoleUser(fixture.iam, "bystander", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const context = await fixture.newContext();
    const page = await context.newPage();
    for (let i = 0; i < PASSWORD_THROTTLE.name.limit; i++) {
      await submitSignIn(page, fixture.server.url, {
        account: TEST_ACCOUNT_ID,
        userName: "guessed",
        password: `Guess-${i}`,
      });
      assert.equal(await alertText(page), SIGN_IN_REFUSED);
    }
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "guessed",
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/signin");
    assert.match(await alertText(page), /Too many failed sign-in attempts/);
    await screenshot(page, "sign-in-throttled");
    // The same for a name that does not exist: the throttle does not tell which names are real.
    for (let i = 0; i <= PASSWORD_THROTTLE.name.limit; i++) {
      await submitSignIn(page, fixture.server.url, {
        account: TEST_ACCOUNT_ID,
        userName: "ghost",
        password: `Guess-${i}`,
      });
    }
    assert.match(await alertText(page), /Too many failed sign-in attempts/);

    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "bystander",
      password: PASSWORD,
    });
    assert.equal(new URL(page.url()).pathname, "/console/home");
    await context.close();
  });

  test("failed MFA codes are throttled: after five, even a right code is refused", async () => {
    await createConsoleUser(fixture.iam, "codes", PASSWORD, { policy: SELF_SERVICE_POLICY });
    const { app } = await giveVirtualMfa(fixture.iam, "codes");
    const context = await fixture.newContext();
    const page = await context.newPage();
    await submitSignIn(page, fixture.server.url, {
      account: TEST_ACCOUNT_ID,
      userName: "codes",
      password: PASSWORD,
    });
    const wrong = app.code(1) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("MFA code").fill(wrong);
      await page.getByRole("button", { name: "Submit" }).click();
      assert.equal(await alertText(page), SIGN_IN_REFUSED);
    }
    await page.getByLabel("MFA code").fill(app.code(1));
    await page.getByRole("button", { name: "Submit" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/mfa");
    assert.match(await alertText(page), /Too many invalid MFA codes; try again after/);
    await context.close();
  });
});
