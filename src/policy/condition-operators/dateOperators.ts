/**
 * Date* operators: ISO 8601 or epoch-seconds values on both sides, compared as instants.
 * DateNotEquals is the negation of DateEquals.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";
import { parseDateValue } from "./parseDateValue.ts";

// Requests repeat context values (the same source IP, the same times): parse each text once.
const PARSED = new Map<string, number | undefined>();

function memo(text: string): number | undefined {
  if (PARSED.has(text)) return PARSED.get(text);
  const v = parseDateValue(text);
  if (PARSED.size >= 4096) PARSED.clear();
  PARSED.set(text, v);
  return v;
}

function date(
  name: string,
  negated: boolean,
  test: (a: number, b: number) => boolean,
): ConditionOperator<number> {
  return {
    name,
    family: "Date",
    negated,
    allowsVariables: false,
    compileValue: parseDateValue,
    matches(value, pv) {
      const t = memo(value);
      return t !== undefined && test(t, pv);
    },
  };
}

export const dateOperators = [
  date("DateEquals", false, (a, b) => a === b),
  date("DateNotEquals", true, (a, b) => a === b),
  date("DateLessThan", false, (a, b) => a < b),
  date("DateLessThanEquals", false, (a, b) => a <= b),
  date("DateGreaterThan", false, (a, b) => a > b),
  date("DateGreaterThanEquals", false, (a, b) => a >= b),
] as ConditionOperator[];
