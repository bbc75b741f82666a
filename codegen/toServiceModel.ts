// Converts a raw botocore service-2.json (already patched) into our ServiceModel: facts only —
// types, constraints, member order, wire names, errors — and none of the documentation prose.
// Pure; imports only the generated model types.

import type { MemberRef, OperationModel, ServiceModel, Shape } from "../src/generated/ServiceModel.ts";

type Raw = Record<string, unknown>;

function obj(value: unknown, where: string): Raw {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object`);
  }
  return value as Raw;
}

function str(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string`);
  return value;
}

function optNum(raw: Raw, key: string, where: string): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`${where}.${key}: expected a number`);
  return value;
}

function memberRef(value: unknown, where: string): MemberRef {
  const raw = obj(value, where);
  const ref: MemberRef = { shape: str(raw.shape, `${where}.shape`) };
  if (raw.locationName !== undefined) ref.locationName = str(raw.locationName, `${where}.locationName`);
  return ref;
}

/** Copies the numeric bounds present on `raw` onto `target`, in a fixed key order. */
function bounds(target: { min?: number; max?: number }, raw: Raw, where: string): void {
  const min = optNum(raw, "min", where);
  const max = optNum(raw, "max", where);
  if (min !== undefined) target.min = min;
  if (max !== undefined) target.max = max;
}

function convertShape(name: string, raw: Raw): Shape {
  const where = `shape ${name}`;
  const sensitive = raw.sensitive === true;
  switch (raw.type) {
    case "structure": {
      const members: Record<string, MemberRef> = {};
      for (const [member, ref] of Object.entries(obj(raw.members ?? {}, `${where}.members`))) {
        members[member] = memberRef(ref, `${where}.${member}`);
      }
      const shape: Extract<Shape, { type: "structure" }> = { type: "structure", members };
      if (Array.isArray(raw.required) && raw.required.length > 0) {
        shape.required = raw.required.map((r, i) => str(r, `${where}.required[${i}]`));
      }
      if (raw.error !== undefined || raw.exception === true) {
        // botocore's defaults for an exception shape without an `error` trait: the shape name is the
        // code, 400, and (as for every modelled client error) the sender's fault.
        const error = raw.error === undefined ? {} : obj(raw.error, `${where}.error`);
        shape.error = {
          code: error.code === undefined ? name : str(error.code, `${where}.error.code`),
          httpStatusCode: optNum(error, "httpStatusCode", where) ?? 400,
          senderFault: raw.error === undefined ? true : error.senderFault === true,
        };
      }
      if (sensitive) shape.sensitive = true;
      return shape;
    }
    case "list": {
      const shape: Extract<Shape, { type: "list" }> = {
        type: "list",
        member: memberRef(raw.member, `${where}.member`),
      };
      bounds(shape, raw, where);
      if (raw.flattened === true) shape.flattened = true;
      return shape;
    }
    case "map": {
      const shape: Extract<Shape, { type: "map" }> = {
        type: "map",
        key: memberRef(raw.key, `${where}.key`),
        value: memberRef(raw.value, `${where}.value`),
      };
      bounds(shape, raw, where);
      return shape;
    }
    case "string": {
      const shape: Extract<Shape, { type: "string" }> = { type: "string" };
      bounds(shape, raw, where);
      if (raw.pattern !== undefined) shape.pattern = str(raw.pattern, `${where}.pattern`);
      if (Array.isArray(raw.enum)) shape.enum = raw.enum.map((e, i) => str(e, `${where}.enum[${i}]`));
      if (sensitive) shape.sensitive = true;
      return shape;
    }
    case "integer":
    case "long": {
      const shape: Extract<Shape, { type: "integer" | "long" }> = { type: raw.type };
      bounds(shape, raw, where);
      return shape;
    }
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      return { type: "timestamp" };
    case "blob": {
      const shape: Extract<Shape, { type: "blob" }> = { type: "blob" };
      bounds(shape, raw, where);
      if (sensitive) shape.sensitive = true;
      return shape;
    }
    default:
      throw new Error(`${where}: unsupported type ${String(raw.type)}`);
  }
}

function sortedEntries(record: Raw): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function toServiceModel(raw: Raw, serviceId: "iam" | "sts", modelVersion: string): ServiceModel {
  const metadata = obj(raw.metadata, "metadata");
  if (metadata.protocol !== "query") throw new Error(`${serviceId}: expected the query protocol`);

  const shapes: Record<string, Shape> = {};
  for (const [name, shape] of sortedEntries(obj(raw.shapes, "shapes"))) {
    shapes[name] = convertShape(name, obj(shape, `shape ${name}`));
  }

  const operations: Record<string, OperationModel> = {};
  for (const [name, value] of sortedEntries(obj(raw.operations, "operations"))) {
    const op = obj(value, `operation ${name}`);
    const model: OperationModel = { name: str(op.name, `operation ${name}.name`), errors: [] };
    if (op.input !== undefined) model.input = str(obj(op.input, name).shape, `${name}.input`);
    if (op.output !== undefined) {
      const output = obj(op.output, name);
      model.output = str(output.shape, `${name}.output`);
      if (output.resultWrapper !== undefined) model.resultWrapper = str(output.resultWrapper, name);
    }
    const errors = Array.isArray(op.errors) ? op.errors : [];
    model.errors = errors.map((e, i) => str(obj(e, name).shape, `${name}.errors[${i}]`));
    operations[name] = model;
  }

  checkReferences(serviceId, shapes, operations);
  return {
    serviceId,
    apiVersion: str(metadata.apiVersion, "metadata.apiVersion"),
    xmlNamespace: str(metadata.xmlNamespace, "metadata.xmlNamespace"),
    modelVersion,
    shapes,
    operations,
  };
}

/** A dangling shape reference would only surface as a runtime failure on some request; fail here. */
function checkReferences(
  serviceId: string,
  shapes: Record<string, Shape>,
  operations: Record<string, OperationModel>,
): void {
  const check = (name: string | undefined, from: string) => {
    if (name !== undefined && !(name in shapes))
      throw new Error(`${serviceId}: ${from} refers to unknown shape ${name}`);
  };
  for (const [name, shape] of Object.entries(shapes)) {
    if (shape.type === "structure")
      for (const [m, ref] of Object.entries(shape.members)) check(ref.shape, `${name}.${m}`);
    if (shape.type === "list") check(shape.member.shape, name);
    if (shape.type === "map") {
      check(shape.key.shape, name);
      check(shape.value.shape, name);
    }
  }
  for (const op of Object.values(operations)) {
    check(op.input, op.name);
    check(op.output, op.name);
    for (const e of op.errors) check(e, op.name);
  }
}
