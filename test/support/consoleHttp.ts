// The console over plain HTTP, without a browser: one connection per request (so node:cluster
// hands consecutive requests to different workers), the session cookie kept as a browser would,
// and the forms' CSRF token read from the page. For tests about where sessions live, not pages.

import http from "node:http";
import { CONSOLE_COOKIE } from "../../src/console/createConsoleHandler.ts";

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
