/**
 * Arn* operators. AWS documents ArnEquals and ArnLike identically: case-sensitive, each of the
 * six colon-separated parts compared separately, each part may hold `*` and `?`. The context
 * value must itself be an ARN. Policy variables are substituted per request.
 */
import type { ContextValues } from "../ContextValues.ts";
import {
  type CompiledArnPattern,
  compileArnPattern,
  matchArnPattern,
  resolveArnPattern,
  splitArn,
} from "../compileArnPattern.ts";
import type { ConditionOperator } from "./ConditionOperator.ts";

function arn(name: string, negated: boolean): ConditionOperator<CompiledArnPattern> {
  return {
    name,
    family: "Arn",
    negated,
    allowsVariables: true,
    compileValue: (text, variablesEnabled) => compileArnPattern(text, variablesEnabled),
    unresolvable: (pv, ctx) => resolveArnPattern(pv, ctx) === null,
    matches(value, pv, ctx: ContextValues) {
      const parts = splitArn(value);
      // "*" as a whole pattern still needs an ARN on the context side.
      return parts !== null && matchArnPattern(pv, value, parts, ctx);
    },
  };
}

export const arnOperators = [
  arn("ArnEquals", false),
  arn("ArnLike", false),
  arn("ArnNotEquals", true),
  arn("ArnNotLike", true),
] as ConditionOperator[];
