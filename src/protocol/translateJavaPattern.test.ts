// Tests that every pattern in the IAM and STS models translates, and that translations keep Java's
// meaning on the cases where JavaScript differs.

import assert from "node:assert/strict";
import { test } from "node:test";
import { iamModel } from "../generated/iam/iamModel.ts";
import { stsModel } from "../generated/sts/stsModel.ts";
import { translateJavaPattern } from "./translateJavaPattern.ts";

test("every model pattern compiles", () => {
  let count = 0;
  for (const model of [iamModel, stsModel]) {
    for (const [name, shape] of Object.entries(model.shapes)) {
      if (shape.type !== "string" || shape.pattern === undefined) continue;
      assert.doesNotThrow(() => translateJavaPattern(shape.pattern as string), `${model.serviceId} ${name}`);
      count++;
    }
  }
  assert.ok(count > 60, `only ${count} patterns found`);
});

test("translations match as Java's matches() would", () => {
  const cases: { pattern: string; yes: string[]; no: string[] }[] = [
    { pattern: "[\\w+=,.@-]+", yes: ["alice", "a.b@c=d,e+f-g_h"], no: ["", "a b", "é", "a\n"] },
    { pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", yes: ["", "日本 café", "a-b"], no: ["(x)", "a!"] },
    { pattern: "[\\w+=,.@\\:-]*", yes: ["a:b", ""], no: ["a b"] },
    {
      pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
      yes: ["/", "/eng/"],
      no: ["eng", "/eng", "/a b/"],
    },
    { pattern: "\\d{12}", yes: ["123456789012"], no: ["12345678901", "1234567890123"] },
    {
      pattern:
        "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+",
      yes: ["plain", "emoji 😀", "tab\there"],
      no: ["\u0001", ""],
    },
    {
      pattern: "^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*",
      yes: ["o-abcdefghij/r-abcd/ou-x"],
      no: ["o-abc/r-abcd"],
    },
    { pattern: "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?", yes: ["v1", "v12.abc-1"], no: ["v0", "xv1"] },
  ];
  for (const c of cases) {
    const re = translateJavaPattern(c.pattern);
    for (const s of c.yes) assert.ok(re.test(s), `${c.pattern} should match ${JSON.stringify(s)}`);
    for (const s of c.no) assert.ok(!re.test(s), `${c.pattern} should not match ${JSON.stringify(s)}`);
  }
});
