/**
 * The contract every condition operator family implements (after cloud-copilot's five-field
 * interface): a policy value is compiled once, then matched against one context value per call.
 * Negated operators (StringNotEquals, NotIpAddress, …) are the positive operator with `negated`
 * set: AWS defines them as "does not match any of the values", so the evaluator negates the
 * positive result, which also gives "true when the key is missing".
 *
 * Pure: imports nothing but other policy modules.
 */
import type { ContextValues } from "../ContextValues.ts";

export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

export interface ConditionOperator<P = unknown> {
  /** AWS's canonical spelling, e.g. `StringNotEquals`. */
  name: string;
  family: OperatorFamily;
  negated: boolean;
  /** Whether `${...}` in values is substituted (string and ARN operators only). */
  allowsVariables: boolean;
  /** Compiles one policy value; undefined when it can never match (e.g. not a number). */
  compileValue(text: string, variablesEnabled: boolean): P | undefined;
  /** Whether one context value matches one compiled policy value (ignoring `negated`). */
  matches(contextValue: string, policyValue: P, ctx: ContextValues): boolean;
  /** For operators with variables: whether a policy value cannot be resolved for this request. */
  unresolvable?(policyValue: P, ctx: ContextValues): boolean;
}
