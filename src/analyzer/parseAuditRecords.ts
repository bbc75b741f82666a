// CloudTrail event files (`{"Records":[…]}`, as CloudTrail delivers them once gunzipped) or the
// JSON lines of `portcullis audit`: both are CloudTrail-shaped records.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import { AnalyzerInputError } from "./AccountSnapshot.ts";

function check(record: unknown, source: string, where: string): AuditEvent {
  const r = record as Partial<AuditEvent> | null;
  if (
    !r ||
    typeof r !== "object" ||
    typeof r.eventName !== "string" ||
    typeof r.eventTime !== "string" ||
    !r.userIdentity
  )
    throw new AnalyzerInputError(
      source,
      `${where}: not a CloudTrail record (eventName, eventTime, userIdentity)`,
    );
  return r as AuditEvent;
}

export function parseAuditRecords(text: string, source: string): AuditEvent[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (whole && typeof whole === "object" && !Array.isArray(whole) && "Records" in whole) {
    const records = (whole as { Records: unknown }).Records;
    if (!Array.isArray(records)) throw new AnalyzerInputError(source, "Records must be a list");
    return records.map((r, i) => check(r, source, `Records[${i}]`));
  }
  if (whole !== undefined && typeof whole === "object" && !Array.isArray(whole))
    return [check(whole, source, "line 1")];
  return trimmed.split(/\r?\n/).flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [check(JSON.parse(line), source, `line ${i + 1}`)];
    } catch (err) {
      if (err instanceof AnalyzerInputError) throw err;
      throw new AnalyzerInputError(
        source,
        `line ${i + 1}: not JSON (neither {"Records":[…]} nor JSON lines)`,
      );
    }
  });
}
