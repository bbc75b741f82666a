/**
 * Date values for the Date* operators: ISO 8601 (date, or date and time with optional seconds,
 * fraction and zone; no zone means UTC) or epoch seconds. Returns epoch milliseconds, or
 * undefined for text that is neither, which then matches nothing, as in AWS.
 */
const ISO =
  /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

export function parseDateValue(text: string): number | undefined {
  if (/^-?\d{1,15}$/.test(text)) return Number(text) * 1000;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (m[9] !== undefined) {
    const offset = Number(m[10]) * 60 + (m[11] === undefined ? 0 : Number(m[11]));
    t -= (m[9] === "+" ? 1 : -1) * offset * 60_000;
  }
  return t;
}
