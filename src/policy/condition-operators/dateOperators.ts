/**
 * Date* operators: ISO 8601 or epoch-seconds values on both sides, compared as instants.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";
import { orderedOperators } from "./orderedOperators.ts";
import { parseDateValue } from "./parseDateValue.ts";

export const dateOperators: ConditionOperator[] = orderedOperators("Date", parseDateValue);
