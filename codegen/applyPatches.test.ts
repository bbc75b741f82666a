// Tests of the model patch mechanism and of its effect through the converter.

import assert from "node:assert/strict";
import { test } from "node:test";
import { applyPatches, readPatchFile } from "./applyPatches.ts";
import { toServiceModel } from "./toServiceModel.ts";

function rawModel() {
  return {
    metadata: { protocol: "query", apiVersion: "2010-05-08", xmlNamespace: "https://example/" },
    shapes: {
      userNameType: { type: "string", min: 1, max: 64, documentation: "prose we drop" },
      Req: { type: "structure", members: { UserName: { shape: "userNameType" } } },
    },
    operations: { Op: { name: "Op", input: { shape: "Req" } } },
  };
}

test("a set patch overrides a shape field and reaches the generated model", () => {
  const raw = rawModel();
  const patches = readPatchFile({
    patches: [
      { service: "iam", op: "set", path: ["shapes", "userNameType", "max"], value: 10, why: "test" },
      { service: "sts", op: "set", path: ["shapes", "userNameType", "max"], value: 99, why: "other service" },
    ],
  });
  assert.equal(applyPatches(raw, "iam", patches), 1);
  const model = toServiceModel(raw, "iam", "0.0.0");
  assert.deepEqual(model.shapes.userNameType, { type: "string", min: 1, max: 10 });
});

test("set creates missing objects; delete removes a key", () => {
  const raw = rawModel();
  applyPatches(raw, "iam", [
    { service: "iam", op: "set", path: ["shapes", "pwd", "type"], value: "string", why: "t" },
    { service: "iam", op: "delete", path: ["shapes", "userNameType", "min"], why: "t" },
  ]);
  const model = toServiceModel(raw, "iam", "0.0.0");
  assert.deepEqual(model.shapes.pwd, { type: "string" });
  assert.deepEqual(model.shapes.userNameType, { type: "string", max: 64 });
});

test("a patch that no longer applies fails loudly", () => {
  assert.throws(() =>
    applyPatches(rawModel(), "iam", [
      { service: "iam", op: "delete", path: ["shapes", "nope", "max"], why: "t" },
    ]),
  );
  assert.throws(
    () => readPatchFile({ patches: [{ service: "iam", op: "set", path: ["x"], value: 1 }] }),
    /malformed/,
  );
});

test("the converter keeps facts only and rejects dangling references", () => {
  const raw = rawModel();
  const model = toServiceModel(raw, "iam", "1.2.3");
  assert.equal(JSON.stringify(model).includes("prose"), false);
  raw.shapes.Req.members.UserName.shape = "missing";
  assert.throws(() => toServiceModel(raw, "iam", "1.2.3"), /unknown shape missing/);
});
