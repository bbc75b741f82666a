/**
 * The parsed, normalised shape of an IAM policy document (before compilation).
 * Single values are kept as written (string or list) so tools can echo the document;
 * the compiler normalises them. Pure types: imports nothing of ours but positions.
 */
import type { SourceSpan } from "./parseJsonWithPositions.ts";

/** Where a document is used; decides which elements are required or forbidden. */
export type PolicyKind = "identity" | "resource" | "trust" | "boundary" | "session" | "scp";

export type PolicyVersion = "2012-10-17" | "2008-10-17";

export type Effect = "Allow" | "Deny";

/** A `Principal`/`NotPrincipal` value: `"*"` or a map of principal type to one or more ids. */
export type PrincipalElement = "*" | Record<string, string[]>;

/** Condition values are normalised to strings (JSON numbers and booleans become their text). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface PolicyStatement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  condition?: ConditionBlock;
  /** Where the statement object sits in the source JSON, when parsed from text. */
  span?: SourceSpan;
}

export interface PolicyDocument {
  /** The Version as written; a missing Version means 2008-10-17 semantics (variables are literal). */
  version: PolicyVersion | undefined;
  id?: string;
  statements: PolicyStatement[];
}
