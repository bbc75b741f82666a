// The analyzer's findings page in a real browser: the console reads the account through
// GetAccountAuthorizationDetails and the credential report as the signed-in principal, runs the
// analyzer, and lists what it finds; a principal without those IAM actions sees AWS's refusal.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
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
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORD = "Console-Findings-Passw0rd!";
const fixture = useConsoleBrowser();

export const ANALYZER_ACTIONS = [
  "iam:GetAccountAuthorizationDetails",
  "iam:GenerateCredentialReport",
  "iam:GetCredentialReport",
];

describe("console analyzer findings", { skip: chromiumAvailable ? false : CHROMIUM_MISSING }, () => {
  test("the findings of the account are listed with severity, kind, principal and explanation", async () => {
    await createConsoleUser(fixture.iam, "analyst", PASSWORD, {
      policy: policyDocument({ Effect: "Allow", Action: ANALYZER_ACTIONS, Resource: "*" }),
    });
    // A user with an access key who may attach any policy to itself: administrator in one step.
    await fixture.iam.send(new CreateUserCommand({ UserName: "escalator" }));
    await fixture.iam.send(new CreateAccessKeyCommand({ UserName: "escalator" }));
    await fixture.iam.send(
      new PutUserPolicyCommand({
        UserName: "escalator",
        PolicyName: "self-attach",
        PolicyDocument: policyDocument({ Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*" }),
      }),
    );
    const { context, page } = await signedInPage(fixture, "analyst", PASSWORD);
    await page.getByRole("link", { name: "Analyzer findings" }).click();
    assert.equal(new URL(page.url()).pathname, "/console/findings");
    await screenshot(page, "analyzer-findings");
    const rows = await page
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())),
      );
    const escalation = rows.find(
      (r) => r[1] === "privilege-escalation" && r[2] === `arn:aws:iam::${TEST_ACCOUNT_ID}:user/escalator`,
    );
    assert.ok(escalation, `a privilege escalation from escalator among ${JSON.stringify(rows)}`);
    assert.match(escalation[0] ?? "", /^(critical|high)$/);
    assert.match(escalation[3] ?? "", /iam:AttachUserPolicy/);
    assert.match(escalation[3] ?? "", /Fix: /);
    await context.close();
  });

  test("a principal without the IAM actions the page needs is refused with AccessDenied", async () => {
    const refused = await pageAsUnprivileged(fixture, "outsider", PASSWORD, "/console/findings");
    assert.match(refused.alert, /^AccessDenied: .*iam:GetAccountAuthorizationDetails/);
    assert.equal(refused.rows, 0);
  });
});
