// The console's browser tests: Debian's chromium (never a downloaded browser) driven by
// playwright-core, a test server, and helpers to make console users and sign in as they would.
// Suites skip, saying why, on a machine without /usr/bin/chromium (.ci/run installs it).
// Screenshots go to .tmp/console-screenshots/ (git-ignored), one per page a test visits.

import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { iamClient } from "./awsClients.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "./startTestServer.ts";
import { VirtualMfaApp } from "./virtualMfa.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_MISSING = `${CHROMIUM_PATH} is not installed on this machine; .ci/run installs Debian's chromium`;
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "..", ".tmp", "console-screenshots");

/** What a user needs to manage its own credentials from the console (AWS's documented self-service policy, simplified). */
export const SELF_SERVICE_ACTIONS = [
  "iam:ChangePassword",
  "iam:GetAccountPasswordPolicy",
  "iam:ListMFADevices",
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:DeactivateMFADevice",
  "iam:DeleteVirtualMFADevice",
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:UpdateAccessKey",
  "iam:DeleteAccessKey",
];

export function policyDocument(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const SELF_SERVICE_POLICY = policyDocument({
  Effect: "Allow",
  Action: SELF_SERVICE_ACTIONS,
  Resource: "*",
});

export interface ConsoleFixture {
  readonly server: TestServer;
  readonly iam: IAMClient;
  readonly browser: Browser;
  /** A fresh browser profile (no cookies), closed after the suite. */
  newContext(options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext>;
}

/** A test file's server and browser, started before its tests and stopped after them. */
export function useConsoleBrowser(): ConsoleFixture {
  let server: TestServer | undefined;
  let iam: IAMClient | undefined;
  let browser: Browser | undefined;
  before(async () => {
    if (!chromiumAvailable) return;
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startTestServer();
    iam = iamClient(server.url, ROOT_KEY);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
      headless: true,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the console fixture has not started");
    return value;
  };
  return {
    get server() {
      return need(server);
    },
    get iam() {
      return need(iam);
    },
    get browser() {
      return need(browser);
    },
    newContext: (options) => need(browser).newContext(options),
  };
}

/** An IAM user with a console password and, optionally, an inline policy. */
export async function createConsoleUser(
  iam: IAMClient,
  userName: string,
  password: string,
  options: { policy?: string; passwordResetRequired?: boolean } = {},
): Promise<void> {
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(
    new CreateLoginProfileCommand({
      UserName: userName,
      Password: password,
      PasswordResetRequired: options.passwordResetRequired ?? false,
    }),
  );
  if (options.policy) {
    await iam.send(
      new PutUserPolicyCommand({ UserName: userName, PolicyName: "console", PolicyDocument: options.policy }),
    );
  }
}

/** Gives a user a virtual MFA device (made and enabled by root) and returns the app that shows its codes. */
export async function giveVirtualMfa(iam: IAMClient, userName: string, deviceName = userName) {
  const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }));
  const device = created.VirtualMFADevice;
  if (!device?.SerialNumber || !device.Base32StringSeed) throw new Error("no virtual MFA device");
  const app = new VirtualMfaApp(device.Base32StringSeed);
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: device.SerialNumber,
      ...app.consecutive(),
    }),
  );
  return { app, serialNumber: device.SerialNumber };
}

/** Fills and sends the sign-in form as a person would. */
export async function submitSignIn(
  page: Page,
  url: string,
  who: { account: string; userName?: string; password: string; root?: boolean },
): Promise<void> {
  await page.goto(`${url}/console/signin`);
  if (who.root) await page.getByLabel("Root user", { exact: true }).check();
  await page.getByLabel("Account ID (12 digits) or account alias").fill(who.account);
  if (who.userName !== undefined) await page.getByLabel("IAM user name", { exact: false }).fill(who.userName);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The page's one-shot message (error or information), or "" when there is none. */
export async function alertText(page: Page): Promise<string> {
  const alert = page.locator(".alert").first();
  return (await alert.count()) > 0 ? ((await alert.textContent()) ?? "").trim() : "";
}

/** A fresh browser profile signed in as an IAM user of the test account (no MFA). */
export async function signedInPage(
  fixture: ConsoleFixture,
  userName: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await fixture.newContext();
  const page = await context.newPage();
  await submitSignIn(page, fixture.server.url, { account: TEST_ACCOUNT_ID, userName, password });
  return { context, page };
}

/**
 * Signs in a new user that has a password and no policy, opens `path`, and answers the page's
 * refusal (the error in its section) and how many table rows it shows anyway.
 */
export async function pageAsUnprivileged(
  fixture: ConsoleFixture,
  userName: string,
  password: string,
  path: string,
): Promise<{ alert: string; rows: number }> {
  await createConsoleUser(fixture.iam, userName, password);
  const { context, page } = await signedInPage(fixture, userName, password);
  try {
    await page.goto(`${fixture.server.url}${path}`);
    await screenshot(page, `refused-${path.replace(/\W+/g, "-")}`);
    return {
      alert: ((await page.locator("section .alert.error").textContent()) ?? "").trim(),
      rows: await page.locator("tbody tr").count(),
    };
  } finally {
    await context.close();
  }
}
