/** The JSON reader: JSON.parse's results, positions of objects, and bounded nesting. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { JsonSyntaxError, parseJsonWithPositions } from "./parseJsonWithPositions.ts";

it("reads what JSON.parse reads", () => {
  for (const text of [
    '{"a":[1,2.5,-3e2,true,false,null,"x\\u0041\\n"]}',
    "[]",
    '"s"',
    " 0 ",
    '{"__proto__":1}',
  ]) {
    assert.deepEqual(parseJsonWithPositions(text).value, JSON.parse(text));
  }
});

it("refuses what JSON.parse refuses", () => {
  for (const text of ["", "{", "[1,]", "{'a':1}", "01", "[1] x", '"\\x"', "nul", '"a\n"']) {
    assert.throws(() => parseJsonWithPositions(text), JsonSyntaxError, text);
  }
});

it("records 1-based line and column spans of objects", () => {
  const text = '{\n  "Statement": [\n    {"Effect": "Allow"}\n  ]\n}';
  const { value, spans } = parseJsonWithPositions(text);
  const st = (value as { Statement: object[] }).Statement[0] as object;
  assert.deepEqual(spans.get(st), { start: { line: 3, column: 5 }, end: { line: 3, column: 24 } });
});

it("bounds nesting depth instead of overflowing the stack", () => {
  assert.throws(() => parseJsonWithPositions("[".repeat(100000)), JsonSyntaxError);
});
