// Tests of XML text escaping.

import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeXml } from "./escapeXml.ts";

test("escapes markup and drops what XML 1.0 cannot carry", () => {
  const cases: [string, string][] = [
    ["plain-name_1", "plain-name_1"],
    [`<a href="x">&'</a>`, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"],
    ["line\r\nnext\ttab", "line&#xD;\nnext\ttab"],
    ["nul\u0000bell\u0007", "nulbell"],
    ["emoji 😀 ok", "emoji 😀 ok"],
    ["lone \uD800 high, lone \uDC00 low", "lone  high, lone  low"],
    ["\uFFFE\uFFFF", ""],
  ];
  for (const [input, expected] of cases) assert.equal(escapeXml(input), expected, JSON.stringify(input));
});
