/**
 * The six operators of an ordered family (Numeric*, Date*): both sides parsed to numbers and
 * compared; text that does not parse matches nothing. XNotEquals is the negation of XEquals.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";

export function orderedOperators(
  family: "Numeric" | "Date",
  parse: (text: string) => number | undefined,
): ConditionOperator[] {
  // Requests repeat context values (the same times, the same counts): parse each text once.
  const parsed = new Map<string, number | undefined>();
  const memo = (text: string): number | undefined => {
    if (parsed.has(text)) return parsed.get(text);
    const v = parse(text);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(text, v);
    return v;
  };
  const operator = (
    suffix: string,
    negated: boolean,
    test: (a: number, b: number) => boolean,
  ): ConditionOperator<number> => ({
    name: `${family}${suffix}`,
    family,
    negated,
    allowsVariables: false,
    compileValue: parse,
    matches(value, pv) {
      const n = memo(value);
      return n !== undefined && test(n, pv);
    },
  });
  return [
    operator("Equals", false, (a, b) => a === b),
    operator("NotEquals", true, (a, b) => a === b),
    operator("LessThan", false, (a, b) => a < b),
    operator("LessThanEquals", false, (a, b) => a <= b),
    operator("GreaterThan", false, (a, b) => a > b),
    operator("GreaterThanEquals", false, (a, b) => a >= b),
  ] as ConditionOperator[];
}
