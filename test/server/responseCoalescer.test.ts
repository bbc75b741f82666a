// The coalescer holds answers until the loop turn ends, sends them in the order they were ready,
// and one answer that throws neither loses the others nor stops later turns.

import assert from "node:assert/strict";
import { test } from "node:test";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ResponseCoalescer } from "../../src/server/ResponseCoalescer.ts";

test("answers wait for the end of the loop turn and go out in the order they were ready", async () => {
  const sent: string[] = [];
  const coalescer = new ResponseCoalescer((err) => assert.fail(String(err)));
  coalescer.hold(() => sent.push("a"));
  await Promise.resolve();
  coalescer.hold(() => sent.push("b"));
  assert.deepEqual(sent, [], "nothing is sent within the turn, microtasks included");
  await nextTurn();
  assert.deepEqual(sent, ["a", "b"]);
});

test("an answer that throws is reported, and the others and later turns still go out", async () => {
  const sent: string[] = [];
  const errors: unknown[] = [];
  const coalescer = new ResponseCoalescer((err) => errors.push(err));
  coalescer.hold(() => sent.push("a"));
  coalescer.hold(() => {
    throw new Error("socket gone");
  });
  coalescer.hold(() => sent.push("c"));
  await nextTurn();
  assert.deepEqual(sent, ["a", "c"]);
  assert.equal(errors.length, 1);
  coalescer.hold(() => sent.push("d"));
  await nextTurn();
  assert.deepEqual(sent, ["a", "c", "d"]);
});
