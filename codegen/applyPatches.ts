// Applies the data patches of codegen/patches.json to a raw botocore model before it is converted.
// Where AWS behaves differently from its published model, we correct the model here, as data, with
// the reason recorded beside the change, instead of special-casing a handler. Pure; imports nothing.

/**
 * One patch. `path` walks the raw service-2.json from its root, e.g.
 * `["shapes", "userNameType", "max"]`; `op: "set"` writes `value` there (creating missing objects on
 * the way), `op: "delete"` removes the last key. `why` is mandatory: a patch without a reason cannot
 * be reviewed when the model is next updated.
 */
export interface ModelPatch {
  service: "iam" | "sts";
  op: "set" | "delete";
  path: readonly string[];
  value?: unknown;
  why: string;
}

export interface PatchFile {
  patches: readonly ModelPatch[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the shape of a parsed patches.json and returns its patches; throws on anything odd. */
export function readPatchFile(json: unknown): readonly ModelPatch[] {
  if (!isObject(json) || !Array.isArray(json.patches)) {
    throw new Error("patches.json: expected an object with a `patches` array");
  }
  return json.patches.map((p: unknown, i: number): ModelPatch => {
    if (
      !isObject(p) ||
      (p.service !== "iam" && p.service !== "sts") ||
      (p.op !== "set" && p.op !== "delete") ||
      !Array.isArray(p.path) ||
      p.path.length === 0 ||
      !p.path.every((s) => typeof s === "string") ||
      typeof p.why !== "string" ||
      p.why.trim() === "" ||
      (p.op === "set" && !("value" in p))
    ) {
      throw new Error(
        `patches.json: patch ${i} is malformed (needs service, op, path, why, and value for set)`,
      );
    }
    return p as unknown as ModelPatch;
  });
}

/**
 * Applies the patches meant for `service` to `model` in place and returns how many applied. A patch
 * whose path leads nowhere (for `delete`, or through a non-object for `set`) throws: a silently
 * ignored patch would hide that the upstream model changed under it.
 */
export function applyPatches(
  model: JsonObject,
  service: "iam" | "sts",
  patches: readonly ModelPatch[],
): number {
  let applied = 0;
  for (const patch of patches) {
    if (patch.service !== service) continue;
    let node: JsonObject = model;
    const parents = patch.path.slice(0, -1);
    for (const key of parents) {
      const next = node[key];
      if (next === undefined && patch.op === "set") {
        const created: JsonObject = {};
        node[key] = created;
        node = created;
      } else if (isObject(next)) {
        node = next;
      } else {
        throw new Error(`patch ${patch.path.join(".")}: no object at ${key}`);
      }
    }
    const last = patch.path[patch.path.length - 1] as string;
    if (patch.op === "set") {
      node[last] = structuredClone(patch.value);
    } else {
      if (!(last in node)) throw new Error(`patch ${patch.path.join(".")}: nothing to delete`);
      delete node[last];
    }
    applied++;
  }
  return applied;
}
