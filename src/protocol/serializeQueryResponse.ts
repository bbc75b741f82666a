// Renders an operation's typed output as the Query protocol's XML response:
// <OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId>…
// Writers are compiled once per model and the fixed parts once per operation, so a response is one
// walk over the output value.
// Pure: imports only src/generated/ and this folder.

import type { MemberRef, OperationModel, ServiceModel, Shape } from "../generated/ServiceModel.ts";
import { escapeXml } from "./escapeXml.ts";

/** Writes `value` as element(s) named `tag`; writes nothing for a value it cannot represent. */
type Writer = (value: unknown, tag: string) => string;

interface Cell {
  write: Writer;
}

interface CompiledOperation {
  open: string;
  close: string;
  result?: { cell: Cell; tag: string };
}

interface CompiledModel {
  cells: Map<string, Cell>;
  operations: Map<string, CompiledOperation>;
}

const compiled = new WeakMap<ServiceModel, CompiledModel>();

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** AWS IAM writes timestamps to the second: `2024-01-01T00:00:00Z`. */
function formatTimestamp(value: unknown): string | undefined {
  // A Date is what the generated types promise; an ISO string or epoch milliseconds are tolerated.
  const date =
    value instanceof Date
      ? value
      : typeof value === "string" || typeof value === "number"
        ? new Date(value)
        : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  // Date.toISOString is markedly slower on this hot path, and we drop its milliseconds anyway.
  if (year < 0 || year > 9999) return `${date.toISOString().slice(0, -5)}Z`;
  return `${String(year).padStart(4, "0")}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}Z`;
}

function element(tag: string, text: string): string {
  return `<${tag}>${text}</${tag}>`;
}

function compileShape(shape: Shape, target: Cell, cell: (ref: MemberRef) => Cell): void {
  switch (shape.type) {
    case "structure": {
      const members = Object.entries(shape.members).map(([member, ref]) => ({
        member,
        tag: ref.locationName ?? member,
        cell: cell(ref),
      }));
      target.write = (value, tag) => {
        if (typeof value !== "object" || value === null) return "";
        const record = value as Record<string, unknown>;
        let body = "";
        for (const m of members) {
          const v = record[m.member];
          if (v !== undefined && v !== null) body += m.cell.write(v, m.tag);
        }
        return element(tag, body);
      };
      return;
    }
    case "list": {
      const item = cell(shape.member);
      const itemTag = shape.member.locationName;
      if (shape.flattened) {
        target.write = (value, tag) => {
          if (!Array.isArray(value)) return "";
          let out = "";
          for (const v of value) if (v !== undefined && v !== null) out += item.write(v, itemTag ?? tag);
          return out;
        };
      } else {
        const memberTag = itemTag ?? "member";
        target.write = (value, tag) => {
          if (!Array.isArray(value)) return "";
          if (value.length === 0) return `<${tag}/>`;
          let body = "";
          for (const v of value) if (v !== undefined && v !== null) body += item.write(v, memberTag);
          return element(tag, body);
        };
      }
      return;
    }
    case "map": {
      const keyTag = shape.key.locationName ?? "key";
      const valueTag = shape.value.locationName ?? "value";
      const valueCell = cell(shape.value);
      target.write = (value, tag) => {
        if (typeof value !== "object" || value === null) return "";
        let body = "";
        for (const [k, v] of Object.entries(value)) {
          if (v === undefined || v === null) continue;
          body += `<entry>${element(keyTag, escapeXml(k))}${valueCell.write(v, valueTag)}</entry>`;
        }
        return element(tag, body);
      };
      return;
    }
    case "string":
      target.write = (value, tag) =>
        element(tag, escapeXml(typeof value === "string" ? value : String(value)));
      return;
    case "integer":
    case "long":
      target.write = (value, tag) =>
        typeof value === "number" && Number.isFinite(value) ? element(tag, String(Math.trunc(value))) : "";
      return;
    case "boolean":
      target.write = (value, tag) =>
        typeof value === "boolean" ? element(tag, value ? "true" : "false") : "";
      return;
    case "timestamp":
      target.write = (value, tag) => {
        const text = formatTimestamp(value);
        return text === undefined ? "" : element(tag, text);
      };
      return;
    case "blob":
      target.write = (value, tag) => {
        if (value instanceof Uint8Array)
          return element(
            tag,
            Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"),
          );
        return typeof value === "string" ? element(tag, escapeXml(value)) : "";
      };
      return;
  }
}

function compileModel(model: ServiceModel): CompiledModel {
  const cells = new Map<string, Cell>();
  for (const name of Object.keys(model.shapes)) cells.set(name, { write: () => "" });
  const cell = (ref: MemberRef): Cell => {
    const found = cells.get(ref.shape);
    if (!found) throw new Error(`model ${model.serviceId}: unknown shape ${ref.shape}`);
    return found;
  };
  for (const [name, shape] of Object.entries(model.shapes))
    compileShape(shape, cells.get(name) as Cell, cell);
  return { cells, operations: new Map() };
}

function compileOperation(
  model: ServiceModel,
  compiledModel: CompiledModel,
  operation: OperationModel,
): CompiledOperation {
  const responseTag = `${operation.name}Response`;
  const compiledOperation: CompiledOperation = {
    open: `<${responseTag} xmlns="${escapeXml(model.xmlNamespace)}">`,
    close: `</${responseTag}>`,
  };
  if (operation.output !== undefined) {
    const cell = compiledModel.cells.get(operation.output);
    if (!cell) throw new Error(`model ${model.serviceId}: unknown shape ${operation.output}`);
    compiledOperation.result = { cell, tag: operation.resultWrapper ?? `${operation.name}Result` };
  }
  return compiledOperation;
}

export function serializeQueryResponse(
  model: ServiceModel,
  operation: OperationModel,
  output: unknown,
  requestId: string,
): string {
  let compiledModel = compiled.get(model);
  if (!compiledModel) {
    compiledModel = compileModel(model);
    compiled.set(model, compiledModel);
  }
  let op = compiledModel.operations.get(operation.name);
  if (!op) {
    op = compileOperation(model, compiledModel, operation);
    compiledModel.operations.set(operation.name, op);
  }
  let result = "";
  if (op.result) {
    // An output with nothing set still gets its (empty) Result element, as AWS sends it.
    result = op.result.cell.write(output ?? {}, op.result.tag);
  }
  return `${op.open}${result}<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>${op.close}`;
}
