/**
 * Bool: compares `true`/`false` without regard to case; a context value that is not a
 * boolean's text matches neither.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

export const boolOperator: ConditionOperator<string> = {
  name: "Bool",
  family: "Bool",
  negated: false,
  allowsVariables: false,
  compileValue(text) {
    const lower = text.toLowerCase();
    return lower === "true" || lower === "false" ? lower : undefined;
  },
  matches(value, pv) {
    return value.length === pv.length && value.toLowerCase() === pv;
  },
};
