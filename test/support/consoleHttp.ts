// The console over plain HTTP, without a browser: one connection per request (so node:cluster
// hands consecutive requests to different workers), the session cookie kept as a browser would,
// and the forms' CSRF token read from the page. For tests about where sessions live, not pages.

import assert from "node:assert/strict";
import http from "node:http";
import { CreateLoginProfileCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { CONSOLE_COOKIE } from "../../src/console/createConsoleHandler.ts";
import { iamClient } from "./awsClients.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "./startTestServer.ts";

export interface ConsoleAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

export class ConsoleHttpClient {
  /** The session cookie's value, as the browser holds it. */
  cookie: string | undefined;
  private csrf: string | undefined;

  constructor(private readonly baseUrl: string) {}

  get(path: string): Promise<ConsoleAnswer> {
    return this.send("GET", path);
  }

  /** A form post with the last page's CSRF token. */
  post(path: string, fields: Record<string, string>): Promise<ConsoleAnswer> {
    return this.send("POST", path, new URLSearchParams({ ...fields, csrf: this.csrf ?? "" }).toString());
  }

  /** Signs in as an IAM user (no MFA); the answer of the password step. */
  async signIn(account: string, userName: string, password: string): Promise<ConsoleAnswer> {
    await this.get("/console/signin");
    return this.post("/console/signin", { as: "user", account, username: userName, password });
  }

  private send(method: string, path: string, body?: string): Promise<ConsoleAnswer> {
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          agent: false,
          headers: {
            ...(this.cookie ? { cookie: `${CONSOLE_COOKIE}=${this.cookie}` } : {}),
            ...(body !== undefined
              ? { "content-type": "application/x-www-form-urlencoded", origin: url.origin }
              : {}),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => {
            for (const header of res.headers["set-cookie"] ?? []) {
              const m = new RegExp(`^${CONSOLE_COOKIE}=([^;]*)`).exec(header);
              if (m) this.cookie = /Max-Age=0/i.test(header) ? undefined : m[1];
            }
            const token = /name="csrf" value="([^"]+)"/.exec(text);
            if (token) this.csrf = token[1];
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }
}

/**
 * A console session signed in through door A is served as signed in through door B (and A),
 * request after request; signed out through B, its cookie replayed on either is sent back to the
 * sign-in page. Doors may be one URL in front of several workers (each request its own connection).
 */
export async function consoleSessionOnAServedOnB(
  doors: { a: string; b: string },
  userName: string,
): Promise<void> {
  const password = "Console-Everywhere-Pa55!";
  const iam = iamClient(doors.a, ROOT_KEY);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: password }));

  const onA = new ConsoleHttpClient(doors.a);
  const signedIn = await onA.signIn(TEST_ACCOUNT_ID, userName, password);
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.location, "/console/home");
  const cookie = onA.cookie;
  assert.ok(cookie);
  const onB = new ConsoleHttpClient(doors.b);
  onB.cookie = cookie;
  // With sessions in one process's memory, the door that never saw the sign-in would send these
  // back to it.
  for (let i = 0; i < 8; i++) {
    const home = await (i % 2 === 0 ? onB : onA).get("/console/home");
    assert.equal(home.status, 200, `request ${i} is served as signed in`);
    assert.match(home.body, new RegExp(`arn:aws:iam::${TEST_ACCOUNT_ID}:user/${userName}`));
  }
  const out = await onB.post("/console/signout", {});
  assert.equal(out.status, 303);
  assert.equal(onB.cookie, undefined, "the cookie is cleared");
  for (const door of [doors.a, doors.b, doors.a, doors.b]) {
    const replay = new ConsoleHttpClient(door);
    replay.cookie = cookie;
    const home = await replay.get("/console/home");
    assert.equal(home.status, 303, `the old cookie on ${door}`);
    assert.equal(home.location, "/console/signin");
  }
}
