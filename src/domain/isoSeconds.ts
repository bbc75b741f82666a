// A time as ISO 8601 in UTC to the second ("2026-01-01T00:00:00Z"): how CloudTrail records and the
// aws:CurrentTime key write it. Every request writes its own time more than once, and requests
// come many to a second, so the last second's text is kept.

let last = { second: Number.NaN, text: "" };

export function isoSeconds(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second === last.second) return last.text;
  // Throws for an invalid date, as toISOString does.
  const text = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  last = { second, text };
  return text;
}
