/** Wildcard patterns: every fast path agrees with the general matcher's definition of `*` and `?`. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { compilePieces, compileWildcard } from "./compileWildcard.ts";

const table: Array<[string, string, boolean]> = [
  ["*", "", true],
  ["*", "anything/at:all", true],
  ["abc", "abc", true],
  ["abc", "abcd", false],
  ["ab*", "ab", true],
  ["ab*", "abx/y", true],
  ["*yz", "xyz", true],
  ["*yz", "yz", true],
  ["*yz", "y", false],
  ["a*z", "az", true],
  ["a*z", "a/b/z", true],
  ["a*z", "a", false],
  ["a*b*c", "aXbYc", true],
  ["a*b*c", "acb", false],
  ["a*b*c", "abbc", true],
  ["*mid*", "xxmidyy", true],
  ["*mid*", "xxmiyy", false],
  ["a?c", "abc", true],
  ["a?c", "ac", false],
  ["a?c", "abbc", false],
  ["?", "", false],
  ["*?", "", false],
  ["*?", "x", true],
  ["a*?c", "abc", true],
  ["a*?c", "ac", false],
  ["**", "x", true],
  ["*a*a*", "aa", true],
  ["*a*a*", "a", false],
];

it("matches * and ? as AWS documents", () => {
  for (const [pattern, text, expected] of table) {
    assert.equal(compileWildcard(pattern)(text), expected, `${pattern} vs ${text}`);
  }
});

it("folds case only when asked (action names)", () => {
  assert.equal(compileWildcard("iam:Get*", true)("iam:getuser"), true);
  assert.equal(compileWildcard("iam:Get*")("iam:getuser"), false);
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
it("treats literal pieces (from ${*} or substituted variables) as plain text", () => {
  const m = compilePieces([
    { text: "home/", wild: true },
    { text: "a*b", wild: false },
    { text: "/*", wild: true },
  ]);
  assert.equal(m("home/a*b/x"), true);
  assert.equal(m("home/aXb/x"), false);
});
