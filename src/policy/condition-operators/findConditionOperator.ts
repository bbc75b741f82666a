/**
 * Reads a condition operator as written in a policy — an optional `ForAllValues:` or
 * `ForAnyValue:` set qualifier, the operator, an optional `IfExists` suffix — into its parts.
 * Returns undefined for an operator AWS does not document.
 */
import { arnOperators } from "./arnOperators.ts";
import { binaryOperator } from "./binaryOperator.ts";
import { boolOperator } from "./boolOperator.ts";
import type { ConditionOperator, OperatorFamily } from "./ConditionOperator.ts";
import { dateOperators } from "./dateOperators.ts";
import { ipAddressOperators } from "./ipAddressOperators.ts";
import { nullOperator } from "./nullOperator.ts";
import { numericOperators } from "./numericOperators.ts";
import { stringOperators } from "./stringOperators.ts";

export type SetQualifier = "ForAllValues" | "ForAnyValue" | undefined;

export interface ResolvedOperator {
  operator: ConditionOperator;
  family: OperatorFamily;
  qualifier: SetQualifier;
  ifExists: boolean;
}

const BY_NAME = new Map<string, ConditionOperator>();
for (const op of [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  boolOperator,
  binaryOperator,
  ...ipAddressOperators,
  ...arnOperators,
  nullOperator,
] as ConditionOperator[]) {
  BY_NAME.set(op.name, op);
}

const cache = new Map<string, ResolvedOperator | null>();

export function findConditionOperator(written: string): ResolvedOperator | undefined {
  const hit = cache.get(written);
  if (hit !== undefined) return hit ?? undefined;
  const resolved = resolve(written);
  if (cache.size < 1024) cache.set(written, resolved ?? null);
  return resolved;
}

function resolve(written: string): ResolvedOperator | undefined {
  let name = written;
  let qualifier: SetQualifier;
  if (name.startsWith("ForAllValues:")) {
    qualifier = "ForAllValues";
    name = name.slice("ForAllValues:".length);
  } else if (name.startsWith("ForAnyValue:")) {
    qualifier = "ForAnyValue";
    name = name.slice("ForAnyValue:".length);
  }
  let ifExists = false;
  // "IfExists" is a suffix of a real operator; Null has no IfExists form.
  if (name.endsWith("IfExists") && name !== "IfExists") {
    ifExists = true;
    name = name.slice(0, -"IfExists".length);
  }
  const operator = BY_NAME.get(name);
  if (!operator) return undefined;
  if (operator.family === "Null" && (ifExists || qualifier)) return undefined;
  return { operator, family: operator.family, qualifier, ifExists };
}
