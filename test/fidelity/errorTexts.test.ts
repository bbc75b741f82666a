// Table-driven: each case of errorTexts.json sends raw signed IAM Query requests (its set-up, then
// the request) to a real server and compares the answer's HTTP status, error code and message with
// the text AWS answers. Every case runs on a fresh server, so the set-ups cannot interfere.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { errorCode, signedQuery } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer } from "../support/startTestServer.ts";

interface ErrorTextCase {
  name: string;
  setup?: Record<string, string>[];
  request: Record<string, string>;
  expect: { status: number; code?: string; message?: string };
}

const cases = JSON.parse(
  readFileSync(join(import.meta.dirname, "errorTexts.json"), "utf8"),
) as ErrorTextCase[];

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("AWS error texts", () => {
  for (const c of cases) {
    test(c.name, async () => {
      const server = await startTestServer();
      try {
        const send = (form: Record<string, string>) =>
          signedQuery(server.url, ROOT_KEY, "iam", { Version: "2010-05-08", ...form });
        for (const step of c.setup ?? []) {
          const res = await send(step);
          assert.equal(res.status, 200, `set-up ${step.Action}: ${res.body}`);
        }
        const res = await send(c.request);
        assert.equal(res.status, c.expect.status, res.body);
        if (c.expect.code !== undefined) assert.equal(errorCode(res.body), c.expect.code);
        if (c.expect.message !== undefined) {
          const message = /<Message>([^<]*)<\/Message>/.exec(res.body)?.[1];
          assert.equal(message === undefined ? undefined : decodeXml(message), c.expect.message);
        }
      } finally {
        await server.stop();
      }
    });
  }
});
