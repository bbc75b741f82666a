// Reads an operation's typed input out of Query form fields (`Tags.member.1.Key=…`) by walking the
// input shape, and validates it against the model's constraints on the way, collecting every
// violation into one AWS-style ValidationError. Readers are compiled once per model (patterns
// translated and compiled, wire names and message paths precomputed), so a request only walks.
// Pure: imports only src/generated/ and this folder.

import type { MemberRef, ServiceModel, Shape } from "../generated/ServiceModel.ts";
import { OWN_PATTERN_MESSAGES } from "./ownValidationMessages.ts";
import { QueryProtocolError } from "./QueryProtocolError.ts";
import { translateJavaPattern } from "./translateJavaPattern.ts";

/** The request's fields, plus every proper dotted prefix of a field name, to find nested members fast. */
interface FormFields {
  values: Map<string, string>;
  prefixes: Set<string>;
}

/**
 * Reads the value at wire `key` (undefined when absent). `path` is the member path AWS names in
 * validation messages (`tags.1.member.key`); `hide` is set below a sensitive shape, whose values are
 * never echoed. Constraint violations are pushed onto `errors`; a value that cannot be read at all
 * throws at once, as AWS fails deserialization before it validates.
 */
type Reader = (fields: FormFields, key: string, path: string, hide: boolean, errors: string[]) => unknown;

interface Cell {
  read: Reader;
  /** Renders a value of this shape the way AWS's messages show it (Java's toString). */
  render: (value: unknown) => string;
}

const compiled = new WeakMap<ServiceModel, Map<string, Cell>>();

function toFormFields(params: URLSearchParams): FormFields {
  const values = new Map<string, string>();
  const prefixes = new Set<string>();
  for (const [key, value] of params) {
    // A repeated field keeps its first value.
    if (values.has(key)) continue;
    values.set(key, value);
    for (let dot = key.indexOf("."); dot !== -1; dot = key.indexOf(".", dot + 1))
      prefixes.add(key.slice(0, dot));
  }
  return { values, prefixes };
}

/** AWS names members in messages by their model name with the first letter lowered (`userName`). */
function messageName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function violation(path: string, value: string | null, hide: boolean, constraint: string): string {
  const shown = value === null ? "Value null" : hide ? "Value" : `Value '${value}'`;
  return `${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function malformed(key: string, raw: string, expected: string): QueryProtocolError {
  return new QueryProtocolError(
    "InvalidParameterValue",
    400,
    `Value '${raw}' for parameter ${key} is invalid. Expected ${expected}.`,
  );
}

/** Length as AWS counts it: in code points, so an emoji is one character, not two. */
function stringLength(s: string): number {
  if (!/[\uD800-\uDFFF]/.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function lengthChecks(shape: {
  min?: number;
  max?: number;
}): ((length: number) => string | undefined) | undefined {
  const { min, max } = shape;
  if (min === undefined && max === undefined) return undefined;
  const tooShort = `Member must have length greater than or equal to ${min}`;
  const tooLong = `Member must have length less than or equal to ${max}`;
  return (length) => {
    if (min !== undefined && length < min) return tooShort;
    if (max !== undefined && length > max) return tooLong;
    return undefined;
  };
}

const integerText = /^-?\d{1,19}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const epochSeconds = /^-?\d{1,15}(\.\d{1,9})?$/;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function compileModel(model: ServiceModel): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const name of Object.keys(model.shapes)) {
    cells.set(name, { read: () => undefined, render: String });
  }
  const cell = (ref: MemberRef): Cell => {
    const found = cells.get(ref.shape);
    if (!found) throw new Error(`model ${model.serviceId}: unknown shape ${ref.shape}`);
    return found;
  };
  for (const [name, shape] of Object.entries(model.shapes)) {
    const target = cells.get(name) as Cell;
    compileShape(model, name, shape, target, cell);
  }
  return cells;
}

function compileShape(
  model: ServiceModel,
  name: string,
  shape: Shape,
  target: Cell,
  cell: (ref: MemberRef) => Cell,
): void {
  switch (shape.type) {
    case "structure": {
      const required = new Set(shape.required ?? []);
      const members = Object.entries(shape.members).map(([member, ref]) => {
        const memberShape = model.shapes[ref.shape];
        return {
          member,
          wire: ref.locationName ?? member,
          path: messageName(member),
          required: required.has(member),
          sensitive:
            memberShape !== undefined && "sensitive" in memberShape && memberShape.sensitive === true,
          cell: cell(ref),
        };
      });
      const sensitive = shape.sensitive === true;
      target.read = (fields, key, path, hide, errors) => {
        // The top-level input (key "") is always present; a nested structure is present when any
        // field lies below it.
        if (key !== "" && !fields.prefixes.has(key)) return undefined;
        const out: Record<string, unknown> = {};
        const hideBelow = hide || sensitive;
        for (const m of members) {
          // Top-level members (most of any request) use precomputed strings.
          const memberKey = key === "" ? m.wire : `${key}.${m.wire}`;
          const memberPath = key === "" ? m.path : `${path}.${m.path}`;
          const value = m.cell.read(fields, memberKey, memberPath, hideBelow || m.sensitive, errors);
          if (value !== undefined) out[m.member] = value;
          else if (m.required) errors.push(violation(memberPath, null, false, "Member must not be null"));
        }
        return out;
      };
      target.render = (value) => {
        const record = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const m of members) {
          const v = record[m.member];
          if (v !== undefined)
            parts.push(`${m.member}: ${sensitive || m.sensitive ? "***" : m.cell.render(v)}`);
        }
        return `{${parts.join(",")}}`;
      };
      return;
    }
    case "list": {
      const element = cell(shape.member);
      const memberWire = shape.flattened ? "" : `${shape.member.locationName ?? "member"}.`;
      const checkLength = lengthChecks(shape);
      target.read = (fields, key, path, hide, errors) => {
        const base = `${key}.${memberWire}`;
        const items: unknown[] = [];
        // Members are numbered from 1 without gaps, as every SDK writes them; reading stops at the
        // first missing index so a hostile `member.999999999` costs nothing.
        for (let n = 1; ; n++) {
          const itemKey = base + n;
          if (!fields.values.has(itemKey) && !fields.prefixes.has(itemKey)) break;
          const value = element.read(fields, itemKey, `${path}.${n}.member`, hide, errors);
          if (value !== undefined) items.push(value);
        }
        // An empty list is sent as the bare name with an empty value (`Tags=`).
        if (items.length === 0 && fields.values.get(key) !== "") return undefined;
        if (checkLength) {
          const problem = checkLength(items.length);
          if (problem) errors.push(violation(path, hide ? "" : target.render(items), hide, problem));
        }
        return items;
      };
      target.render = (value) => `[${(value as unknown[]).map((v) => element.render(v)).join(", ")}]`;
      return;
    }
    case "map": {
      const keyCell = cell(shape.key);
      const valueCell = cell(shape.value);
      const keyWire = shape.key.locationName ?? "key";
      const valueWire = shape.value.locationName ?? "value";
      const checkLength = lengthChecks(shape);
      target.read = (fields, key, path, hide, errors) => {
        const out: Record<string, unknown> = {};
        let count = 0;
        for (let n = 1; ; n++) {
          const entryKey = `${key}.entry.${n}`;
          if (!fields.prefixes.has(entryKey)) break;
          const entryPath = `${path}.entry.${n}`;
          const k = keyCell.read(fields, `${entryKey}.${keyWire}`, `${entryPath}.key`, hide, errors);
          const v = valueCell.read(fields, `${entryKey}.${valueWire}`, `${entryPath}.value`, hide, errors);
          if (k === undefined)
            errors.push(violation(`${entryPath}.key`, null, false, "Member must not be null"));
          else if (v !== undefined) out[String(k)] = v;
          count++;
        }
        if (count === 0 && fields.values.get(key) !== "") return undefined;
        if (checkLength) {
          const problem = checkLength(Object.keys(out).length);
          if (problem) errors.push(violation(path, hide ? "" : target.render(out), hide, problem));
        }
        return out;
      };
      target.render = (value) =>
        `{${Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => `${k}=${valueCell.render(v)}`)
          .join(", ")}}`;
      return;
    }
    case "string": {
      const checkLength = lengthChecks(shape);
      const minLength = shape.min ?? 0;
      const maxLength = shape.max ?? Number.POSITIVE_INFINITY;
      let pattern: RegExp | undefined;
      if (shape.pattern !== undefined) {
        try {
          pattern = translateJavaPattern(shape.pattern);
        } catch (cause) {
          throw new Error(`model ${model.serviceId}: pattern of ${name} does not compile`, { cause });
        }
      }
      const patternProblem = `Member must satisfy regular expression pattern: ${shape.pattern}`;
      const allowed = shape.enum ? new Set(shape.enum) : undefined;
      const enumProblem = `Member must satisfy enum value set: [${shape.enum?.join(", ")}]`;
      const sensitive = shape.sensitive === true;
      target.read = (fields, key, path, hide, errors) => {
        const value = fields.values.get(key);
        if (value === undefined) return undefined;
        const quiet = hide || sensitive;
        // A string's code points number between half its UTF-16 length and that length; count
        // them only when that range straddles a bound.
        if (checkLength && (value.length > maxLength || Math.ceil(value.length / 2) < minLength)) {
          const problem = checkLength(stringLength(value));
          if (problem) errors.push(violation(path, value, quiet, problem));
        }
        if (pattern && !pattern.test(value)) errors.push(violation(path, value, quiet, patternProblem));
        if (allowed && !allowed.has(value)) errors.push(violation(path, value, quiet, enumProblem));
        return value;
      };
      target.render = String;
      return;
    }
    case "integer":
    case "long": {
      const { min, max } = shape;
      const isInteger = shape.type === "integer";
      target.read = (fields, key, path, hide, errors) => {
        const raw = fields.values.get(key);
        if (raw === undefined) return undefined;
        const value = integerText.test(raw) ? Number(raw) : Number.NaN;
        const inRange = isInteger ? value >= -2147483648 && value <= 2147483647 : Number.isSafeInteger(value);
        if (!inRange) throw malformed(key, raw, isInteger ? "an integer" : "a long integer");
        if (min !== undefined && value < min) {
          errors.push(
            violation(path, String(value), hide, `Member must have value greater than or equal to ${min}`),
          );
        }
        if (max !== undefined && value > max) {
          errors.push(
            violation(path, String(value), hide, `Member must have value less than or equal to ${max}`),
          );
        }
        return value;
      };
      return;
    }
    case "boolean":
      target.read = (fields, key) => {
        const raw = fields.values.get(key);
        if (raw === undefined) return undefined;
        const lower = raw.toLowerCase();
        if (lower === "true") return true;
        if (lower === "false") return false;
        throw malformed(key, raw, "true or false");
      };
      return;
    case "timestamp":
      target.read = (fields, key) => {
        const raw = fields.values.get(key);
        if (raw === undefined) return undefined;
        let time = Number.NaN;
        if (isoTimestamp.test(raw)) time = Date.parse(raw);
        else if (epochSeconds.test(raw)) time = Number(raw) * 1000;
        if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) {
          throw malformed(key, raw, "an ISO 8601 timestamp or epoch seconds");
        }
        return new Date(time);
      };
      target.render = (value) => (value as Date).toISOString();
      return;
    case "blob": {
      const checkLength = lengthChecks(shape);
      const sensitive = shape.sensitive === true;
      target.read = (fields, key, path, hide, errors) => {
        const raw = fields.values.get(key);
        if (raw === undefined) return undefined;
        if (!base64.test(raw)) throw malformed(key, sensitive || hide ? "***" : raw, "base64-encoded data");
        // Copied into a plain Uint8Array so callers never see Node's Buffer type.
        const bytes = Uint8Array.from(Buffer.from(raw, "base64"));
        if (checkLength) {
          const problem = checkLength(bytes.length);
          if (problem) errors.push(violation(path, raw, hide || sensitive, problem));
        }
        return bytes;
      };
      target.render = (value) => Buffer.from(value as Uint8Array).toString("base64");
      return;
    }
  }
}

function validationError(errors: readonly string[]): QueryProtocolError {
  const count =
    errors.length === 1 ? "1 validation error detected" : `${errors.length} validation errors detected`;
  return new QueryProtocolError("ValidationError", 400, `${count}: ${errors.join("; ")}`);
}

function ownMessageError(shapeName: string, errors: readonly string[]): QueryProtocolError | undefined {
  const own = OWN_PATTERN_MESSAGES[shapeName];
  if (!own) return undefined;
  for (const [member, message] of Object.entries(own)) {
    const marker = `at '${messageName(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern`;
    if (errors.some((e) => e.includes(marker)))
      return new QueryProtocolError("ValidationError", 400, message);
  }
  return undefined;
}

/** Compiles (once per model) every shape's reader; exposed so a server can pay this at startup. */
export function compileQueryReaders(model: ServiceModel): void {
  if (!compiled.has(model)) compiled.set(model, compileModel(model));
}

/**
 * Reads and validates the input of shape `shapeName` from `params`. Unknown fields are ignored, as
 * AWS ignores them. Throws QueryProtocolError: InvalidParameterValue for a value that cannot be read
 * as its type, ValidationError listing every constraint violation otherwise.
 */
export function readQueryInput(
  model: ServiceModel,
  shapeName: string,
  params: URLSearchParams,
): Record<string, unknown> {
  let cells = compiled.get(model);
  if (!cells) {
    cells = compileModel(model);
    compiled.set(model, cells);
  }
  const root = cells.get(shapeName);
  if (!root) throw new Error(`model ${model.serviceId}: unknown shape ${shapeName}`);
  const errors: string[] = [];
  const input = root.read(toFormFields(params), "", "", false, errors) as Record<string, unknown>;
  if (errors.length > 0) throw ownMessageError(shapeName, errors) ?? validationError(errors);
  return input;
}
