/** Date values: ISO 8601 forms and epoch seconds, all as UTC instants. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { parseDateValue } from "./parseDateValue.ts";

it("reads ISO 8601 and epoch seconds", () => {
  const t = Date.UTC(2020, 0, 1);
  assert.equal(parseDateValue("2020-01-01"), t);
  assert.equal(parseDateValue("2020-01-01T00:00:00Z"), t);
  assert.equal(parseDateValue("2020-01-01T00:00Z"), t);
  assert.equal(parseDateValue("2020-01-01T00:00:00"), t);
  assert.equal(parseDateValue("2020-01-01T01:00:00+01:00"), t);
  assert.equal(parseDateValue("2019-12-31T19:00:00-0500"), t);
  assert.equal(parseDateValue("2020-01-01T00:00:00.250Z"), t + 250);
  assert.equal(parseDateValue("1577836800"), t);
});

it("refuses other text", () => {
  for (const bad of ["yesterday", "2020-13-01", "2020-01-01T25:00:00Z", "2020/01/01", "", "1e9"]) {
    assert.equal(parseDateValue(bad), undefined, bad);
  }
});
