// Bounds what one audit record can hold, so refused (or hostile) requests cannot fill the disk:
// strings are cut at AUDIT_STRING_LIMIT characters, lists at AUDIT_LIST_LIMIT items, and a
// record's request parameters or response elements larger than AUDIT_SECTION_LIMIT bytes of JSON
// are replaced by a summary. What was cut is said in the record, never silently dropped.
// With the pipeline's own caps (user agent 1,024, event name 64, region 64, key id 128,
// error message 1,024), a refused request leaves at most about 4 KB (see the README).

export const AUDIT_STRING_LIMIT = 10_240;
export const AUDIT_LIST_LIMIT = 100;
export const AUDIT_SECTION_LIMIT = 64 * 1024;
export const AUDIT_MESSAGE_LIMIT = 1024;

/** `text` cut at `limit` characters, saying how long it was. */
export function truncateText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…(${text.length} characters)`;
}

function boundValue(value: unknown): unknown {
  if (typeof value === "string") return truncateText(value, AUDIT_STRING_LIMIT);
  if (Array.isArray(value)) {
    const kept = value.slice(0, AUDIT_LIST_LIMIT).map(boundValue);
    if (value.length > AUDIT_LIST_LIMIT) kept.push(`…(${value.length - AUDIT_LIST_LIMIT} more items)`);
    return kept;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = boundValue(v);
    return out;
  }
  return value;
}

/** A record section (requestParameters, responseElements) within the limits. */
export function boundAuditSection(section: Record<string, unknown>): Record<string, unknown> {
  const bounded = boundValue(section) as Record<string, unknown>;
  const bytes = Buffer.byteLength(JSON.stringify(bounded));
  if (bytes <= AUDIT_SECTION_LIMIT) return bounded;
  return { truncated: true, bytes, members: Object.keys(section).slice(0, AUDIT_LIST_LIMIT) };
}
