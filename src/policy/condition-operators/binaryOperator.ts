/**
 * BinaryEquals: the policy holds the base64 encoding of the bytes; the context value is the
 * base64 of the request's bytes, so equality of the encoded text is equality of the bytes.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

export const binaryOperator: ConditionOperator<string> = {
  name: "BinaryEquals",
  family: "Binary",
  negated: false,
  allowsVariables: false,
  compileValue: (text) => text,
  matches: (value, pv) => value === pv,
};
