/**
 * Numeric* operators: both sides parsed as decimal numbers; text that is not a number matches
 * nothing. NumericNotEquals is the negation of NumericEquals.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumericValue(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
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
      const n = parseNumericValue(value);
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
