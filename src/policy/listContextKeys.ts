/**
 * The condition keys a policy reads — in Condition blocks and in policy variables — as written,
 * first spelling kept, in document order (for GetContextKeysForCustomPolicy and
 * GetContextKeysForPrincipalPolicy, which AWS answers the same way).
 *
 * Pure: imports nothing but other policy modules.
 */
import { compileTemplate, templateVariables } from "./compileTemplate.ts";
import { findConditionOperator } from "./condition-operators/findConditionOperator.ts";
import type { PolicyDocument } from "./PolicyDocument.ts";

export function listContextKeys(doc: PolicyDocument): string[] {
  const seen = new Map<string, string>();
  const add = (written: string) => {
    const key = written.toLowerCase();
    if (!seen.has(key)) seen.set(key, written);
  };
  const variables = doc.version === "2012-10-17";
  for (const st of doc.statements) {
    if (variables) {
      for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
        for (const v of templateVariables(compileTemplate(r, true))) add(v.written);
      }
    }
    if (!st.condition) continue;
    for (const [operator, block] of Object.entries(st.condition)) {
      const op = findConditionOperator(operator);
      for (const [key, values] of Object.entries(block)) {
        add(key);
        if (variables && op?.operator.allowsVariables) {
          for (const value of values)
            for (const v of templateVariables(compileTemplate(value, true))) add(v.written);
        }
      }
    }
  }
  return [...seen.values()];
}
