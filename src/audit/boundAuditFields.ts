// What one audit record keeps of a request's parameters or a change's response: secrets hidden
// (redactSecrets.ts), member names in CloudTrail's lowerCamelCase, and bounds, so refused (or
// hostile) requests cannot fill the disk: strings are cut at AUDIT_STRING_LIMIT characters, lists
// at AUDIT_LIST_LIMIT items, and a section larger than AUDIT_SECTION_LIMIT bytes of JSON is
// replaced by a summary. What was cut is said in the record, never silently dropped.
// With the pipeline's own caps (user agent 1,024, event name 64, region 64, key id 128,
// error message 1,024), a refused request leaves at most about 4 KB (see the README).
//
// Every request builds one of these, so it is one walk over the value: redaction, renaming and
// bounding together, with an upper bound of the JSON size kept on the way, so the section is
// serialized to measure it only when that bound says it could be too large.

import { HIDDEN, SECRET_MEMBERS } from "./redactSecrets.ts";

export const AUDIT_STRING_LIMIT = 10_240;
export const AUDIT_LIST_LIMIT = 100;
export const AUDIT_SECTION_LIMIT = 64 * 1024;
export const AUDIT_MESSAGE_LIMIT = 1024;

/** `text` cut at `limit` characters, saying how long it was. */
export function truncateText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…(${text.length} characters)`;
}

/** CloudTrail writes parameter names in lowerCamelCase (`userName`, `accessKeyId`). */
const lowered = new Map<string, string>();
function lowerFirst(name: string): string {
  let out = lowered.get(name);
  if (out === undefined) {
    out = name.length > 0 ? (name[0] as string).toLowerCase() + name.slice(1) : name;
    // Names come from the service models and a few audit details: a small, fixed set.
    if (lowered.size < 10_000) lowered.set(name, out);
  }
  return out;
}

/** A JSON character may take six bytes (`\u0000`); a number or literal at most 24. */
const MAX_BYTES_PER_CHAR = 6;
const MAX_SCALAR_BYTES = 24;

interface Walk {
  /** An upper bound of the JSON bytes written so far. */
  bytes: number;
}

function boundValue(value: unknown, walk: Walk): unknown {
  if (typeof value === "string") {
    const kept = truncateText(value, AUDIT_STRING_LIMIT);
    walk.bytes += kept.length * MAX_BYTES_PER_CHAR + 2;
    return kept;
  }
  if (value === null || typeof value !== "object") {
    walk.bytes += MAX_SCALAR_BYTES;
    return value;
  }
  if (value instanceof Date) {
    walk.bytes += MAX_SCALAR_BYTES + 2;
    return value.toISOString();
  }
  if (value instanceof Uint8Array) {
    walk.bytes += HIDDEN.length + 2;
    return HIDDEN;
  }
  if (Array.isArray(value)) {
    const n = Math.min(value.length, AUDIT_LIST_LIMIT);
    const kept: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) kept[i] = boundValue(value[i], walk);
    if (value.length > AUDIT_LIST_LIMIT) kept.push(`…(${value.length - AUDIT_LIST_LIMIT} more items)`);
    walk.bytes += n + 2 + 32;
    return kept;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const name = lowerFirst(key);
    walk.bytes += name.length * MAX_BYTES_PER_CHAR + 4;
    if (SECRET_MEMBERS.has(key)) {
      out[name] = HIDDEN;
      walk.bytes += HIDDEN.length + 2;
    } else out[name] = boundValue(v, walk);
  }
  walk.bytes += 2;
  return out;
}

/** A record section (requestParameters, responseElements): secrets hidden, within the limits. */
export function boundAuditSection(section: object): Record<string, unknown> {
  const walk: Walk = { bytes: 0 };
  const bounded = boundValue(section, walk) as Record<string, unknown>;
  if (walk.bytes <= AUDIT_SECTION_LIMIT) return bounded;
  const bytes = Buffer.byteLength(JSON.stringify(bounded));
  if (bytes <= AUDIT_SECTION_LIMIT) return bounded;
  return { truncated: true, bytes, members: Object.keys(bounded).slice(0, AUDIT_LIST_LIMIT) };
}
