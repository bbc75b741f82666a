/**
 * Null: `true` holds when the key is absent from the request, `false` when it is present.
 * The evaluator handles it before any value comparison; this entry makes it a known operator.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

export const nullOperator: ConditionOperator<boolean> = {
  name: "Null",
  family: "Null",
  negated: false,
  allowsVariables: false,
  compileValue(text) {
    const lower = text.toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : undefined;
  },
  matches: () => false,
};
