/**
 * String* operators. StringEquals/StringNotEquals compare exactly (case-sensitive);
 * the IgnoreCase forms fold case; StringLike/StringNotLike take `*` and `?` wildcards
 * (case-sensitive). All take policy variables, substituted per request.
 */
import type { ContextValues } from "../ContextValues.ts";
import { compileTemplate, resolveTemplate, type Template } from "../compileTemplate.ts";

const unresolvable = (pv: StringValue, ctx: ContextValues) =>
  pv.template.hasVariables && resolveTemplate(pv.template, ctx) === null;

import { compilePieces, type PatternPiece, type WildcardMatcher } from "../compileWildcard.ts";
import type { ConditionOperator } from "./ConditionOperator.ts";

interface StringValue {
  template: Template;
  /** The value when it has no variables (case-folded for IgnoreCase). */
  text?: string;
  /** For StringLike without variables. */
  like?: WildcardMatcher;
}

function literalText(pieces: readonly PatternPiece[]): string {
  let s = "";
  for (const p of pieces) s += p.text;
  return s;
}

function equalsOperator(name: string, negated: boolean, ignoreCase: boolean): ConditionOperator<StringValue> {
  return {
    name,
    family: "String",
    negated,
    allowsVariables: true,
    unresolvable,
    compileValue(text, variablesEnabled) {
      const template = compileTemplate(text, variablesEnabled);
      if (template.hasVariables) return { template };
      // Without variables the value is plain text: `*` and `?` mean themselves here.
      return { template, text: ignoreCase ? text.toLowerCase() : text };
    },
    matches(value, pv, ctx: ContextValues) {
      let expected = pv.text;
      if (expected === undefined) {
        const pieces = resolveTemplate(pv.template, ctx);
        if (!pieces) return false;
        expected = literalText(pieces);
        if (ignoreCase) expected = expected.toLowerCase();
      }
      return (ignoreCase ? value.toLowerCase() : value) === expected;
    },
  };
}

function likeOperator(name: string, negated: boolean): ConditionOperator<StringValue> {
  return {
    name,
    family: "String",
    negated,
    allowsVariables: true,
    unresolvable,
    compileValue(text, variablesEnabled) {
      const template = compileTemplate(text, variablesEnabled);
      if (template.hasVariables) return { template };
      return { template, like: compilePieces(template.pieces as PatternPiece[]) };
    },
    matches(value, pv, ctx) {
      if (pv.like) return pv.like(value);
      const pieces = resolveTemplate(pv.template, ctx);
      return pieces !== null && compilePieces(pieces)(value);
    },
  };
}

export const stringOperators: ConditionOperator[] = [
  equalsOperator("StringEquals", false, false),
  equalsOperator("StringNotEquals", true, false),
  equalsOperator("StringEqualsIgnoreCase", false, true),
  equalsOperator("StringNotEqualsIgnoreCase", true, true),
  likeOperator("StringLike", false),
  likeOperator("StringNotLike", true),
] as ConditionOperator[];
