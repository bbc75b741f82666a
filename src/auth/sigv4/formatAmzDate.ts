// SigV4's timestamps: ISO 8601 basic format in UTC, "20240101T000000Z".
// Must not import anything but src/domain.

/** 20240101T002500Z (milliseconds dropped). */
export function formatAmzDate(date: Date): string {
  const iso = date.toISOString(); // 2024-01-01T00:25:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

let lastParsed = { text: "", ms: 0 };

/** Parses "YYYYMMDDTHHMMSSZ" strictly; null for anything else, including dates that do not exist. */
export function parseAmzDate(text: string): Date | null {
  // Requests signed in the same second carry the same timestamp: the last one parsed is kept.
  if (text === lastParsed.text) return new Date(lastParsed.ms);
  const m = BASIC_FORMAT.exec(text);
  if (m === null) return null;
  const [, year, month, day, hour, minute, second] = m.map(Number) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
  // Date.UTC rolls 20240230 over to March 1st and 25:00 into the next day; refusing any field
  // that moved keeps the timestamp in the string-to-sign byte-identical to the one sent.
  const exact =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!exact) return null;
  lastParsed = { text, ms: date.getTime() };
  return date;
}
