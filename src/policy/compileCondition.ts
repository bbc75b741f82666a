/**
 * A statement's Condition block compiled into a list of tests that must all hold (AND across
 * operators and keys; OR across a key's values), with AWS's rules for absent keys:
 * - a positive operator on an absent key is false, a negated one (StringNotEquals…) is true;
 * - `…IfExists` on an absent key is true;
 * - `ForAllValues:` on an absent key or empty set is true, `ForAnyValue:` is false;
 * - `Null` tests presence itself.
 * Several context values with no set qualifier behave as ForAnyValue for positive operators
 * (and its negation for negated ones).
 *
 * Pure: imports nothing but other policy modules.
 */
import type { ContextValues } from "./ContextValues.ts";
import { compileTemplate, templateVariables } from "./compileTemplate.ts";
import type { ConditionOperator } from "./condition-operators/ConditionOperator.ts";
import { findConditionOperator, type SetQualifier } from "./condition-operators/findConditionOperator.ts";
import type { ConditionBlock } from "./PolicyDocument.ts";

export interface CompiledCondition {
  /** Operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Condition key as written, and lower-cased for lookups. */
  writtenKey: string;
  key: string;
  /** Keys referenced by policy variables in the values (lower-cased → as written). */
  variableKeys: Map<string, string>;
  test(ctx: ContextValues): boolean;
}

const NEVER = () => false;

export function compileConditionBlock(block: ConditionBlock, variablesEnabled: boolean): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  for (const operatorName of Object.keys(block)) {
    const entries = block[operatorName] as Record<string, string[]>;
    const resolved = findConditionOperator(operatorName);
    for (const writtenKey of Object.keys(entries)) {
      const values = entries[writtenKey] as string[];
      const key = writtenKey.toLowerCase();
      const variableKeys = new Map<string, string>();
      let test: (ctx: ContextValues) => boolean;
      if (!resolved) {
        // Lenient read of an unknown operator: the condition can never be satisfied.
        test = NEVER;
      } else if (resolved.family === "Null") {
        test = compileNull(key, values);
      } else {
        const op = resolved.operator;
        const vars = variablesEnabled && op.allowsVariables;
        if (vars) {
          for (const v of values) {
            for (const piece of templateVariables(compileTemplate(v, true)))
              variableKeys.set(piece.key, piece.written);
          }
        }
        const compiled: unknown[] = [];
        for (const v of values) {
          const c = op.compileValue(v, vars);
          if (c !== undefined) compiled.push(c);
        }
        test = compileTest(key, op, compiled, resolved.qualifier, resolved.ifExists);
        if (op.negated && op.unresolvable && variableKeys.size > 0)
          test = guardUnresolvable(op, compiled, test);
      }
      out.push({ operator: operatorName, writtenKey, key, variableKeys, test });
    }
  }
  return out;
}

/**
 * A negated operator whose value names an absent key: AWS says any attempt to match such a
 * variable "fails and causes the statement to be invalid" (reference_policies_variables), so the
 * condition fails instead of counting as "matches none of the values".
 */
function guardUnresolvable(
  op: ConditionOperator,
  values: unknown[],
  test: (ctx: ContextValues) => boolean,
): (ctx: ContextValues) => boolean {
  const unresolvable = op.unresolvable as (pv: unknown, ctx: ContextValues) => boolean;
  return (ctx) => {
    for (let i = 0; i < values.length; i++) if (unresolvable(values[i], ctx)) return false;
    return test(ctx);
  };
}

function compileNull(key: string, values: string[]): (ctx: ContextValues) => boolean {
  let wantAbsent = false;
  let wantPresent = false;
  for (const v of values) {
    const lower = v.toLowerCase();
    if (lower === "true") wantAbsent = true;
    else if (lower === "false") wantPresent = true;
  }
  return (ctx) => (ctx.has(key) ? wantPresent : wantAbsent);
}

function compileTest(
  key: string,
  op: ConditionOperator,
  policyValues: unknown[],
  qualifier: SetQualifier,
  ifExists: boolean,
): (ctx: ContextValues) => boolean {
  const negated = op.negated;
  const matchesAny = (value: string, ctx: ContextValues): boolean => {
    for (let i = 0; i < policyValues.length; i++) if (op.matches(value, policyValues[i], ctx)) return true;
    return false;
  };
  const absent = ifExists
    ? true
    : qualifier === "ForAllValues"
      ? true
      : qualifier === "ForAnyValue"
        ? false
        : negated;

  if (qualifier === "ForAllValues") {
    return (ctx) => {
      const values = ctx.raw(key);
      if (values === undefined) return absent;
      if (typeof values === "string") return matchesAny(values, ctx) !== negated;
      for (let i = 0; i < values.length; i++) {
        if (matchesAny(values[i] as string, ctx) === negated) return false;
      }
      return true;
    };
  }
  if (qualifier === "ForAnyValue") {
    return (ctx) => {
      const values = ctx.raw(key);
      if (values === undefined) return absent;
      if (typeof values === "string") return matchesAny(values, ctx) !== negated;
      for (let i = 0; i < values.length; i++) {
        if (matchesAny(values[i] as string, ctx) !== negated) return true;
      }
      return false;
    };
  }
  if (policyValues.length === 1) {
    const only = policyValues[0];
    return (ctx) => {
      const values = ctx.raw(key);
      if (values === undefined) return absent;
      if (typeof values === "string") return op.matches(values, only, ctx) !== negated;
      for (let i = 0; i < values.length; i++) {
        if (op.matches(values[i] as string, only, ctx)) return !negated;
      }
      return negated;
    };
  }
  return (ctx) => {
    const values = ctx.raw(key);
    if (values === undefined) return absent;
    if (typeof values === "string") return matchesAny(values, ctx) !== negated;
    for (let i = 0; i < values.length; i++) {
      if (matchesAny(values[i] as string, ctx)) return !negated;
    }
    return negated;
  };
}
