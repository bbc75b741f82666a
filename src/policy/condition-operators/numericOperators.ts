/**
 * Numeric* operators: both sides parsed as decimal numbers; text that is not a number matches
 * nothing. NumericNotEquals is the negation of NumericEquals.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumericValue(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

// Requests repeat context values (the same source IP, the same times): parse each text once.
const PARSED = new Map<string, number | undefined>();

function memo(text: string): number | undefined {
  if (PARSED.has(text)) return PARSED.get(text);
  const v = parseNumericValue(text);
  if (PARSED.size >= 4096) PARSED.clear();
  PARSED.set(text, v);
  return v;
}

function numeric(
  name: string,
  negated: boolean,
  test: (a: number, b: number) => boolean,
): ConditionOperator<number> {
  return {
    name,
    family: "Numeric",
    negated,
    allowsVariables: false,
    compileValue: parseNumericValue,
    matches(value, pv) {
      const n = memo(value);
      return n !== undefined && test(n, pv);
    },
  };
}

export const numericOperators = [
  numeric("NumericEquals", false, (a, b) => a === b),
  numeric("NumericNotEquals", true, (a, b) => a === b),
  numeric("NumericLessThan", false, (a, b) => a < b),
  numeric("NumericLessThanEquals", false, (a, b) => a <= b),
  numeric("NumericGreaterThan", false, (a, b) => a > b),
  numeric("NumericGreaterThanEquals", false, (a, b) => a >= b),
] as ConditionOperator[];
