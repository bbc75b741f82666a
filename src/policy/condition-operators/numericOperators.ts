/**
 * Numeric* operators: both sides parsed as decimal numbers.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";
import { orderedOperators } from "./orderedOperators.ts";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumericValue(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export const numericOperators: ConditionOperator[] = orderedOperators("Numeric", parseNumericValue);
