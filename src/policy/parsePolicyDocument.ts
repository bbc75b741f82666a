/**
 * Parses a policy document's text. Strict mode (on write) applies AWS's MalformedPolicyDocument
 * rules and size quotas, in AWS's order of checks, with AWS's messages; lenient mode (on read)
 * accepts anything that is JSON, so a stored document keeps parsing even after the grammar
 * tightens (MinIO's rule: tightening never locks anyone out).
 *
 * Pure: no I/O. Strict mode throws only MalformedPolicyDocumentError or PolicySizeExceededError;
 * lenient mode throws MalformedPolicyDocumentError only when the text is not JSON at all.
 */
import { findConditionOperator } from "./condition-operators/findConditionOperator.ts";
import { parseDateValue } from "./condition-operators/parseDateValue.ts";
import { MalformedPolicyDocumentError } from "./MalformedPolicyDocumentError.ts";
import { checkManagedResourceArn, MANAGED_POLICY_MESSAGES } from "./managedPolicyRules.ts";
import { measurePolicySize } from "./measurePolicySize.ts";
import type {
  ConditionBlock,
  Effect,
  PolicyDocument,
  PolicyKind,
  PolicyStatement,
  PolicyVersion,
  PrincipalElement,
} from "./PolicyDocument.ts";
import { PolicySizeExceededError } from "./PolicySizeExceededError.ts";
import {
  JsonSyntaxError,
  parseJsonWithPositions,
  type SourcePosition,
  type SourceSpan,
} from "./parseJsonWithPositions.ts";

export interface ParsePolicyOptions {
  kind: PolicyKind;
  mode: "strict" | "lenient";
  /** Quota in characters excluding white space (see policySizeLimits); checked in strict mode. */
  maxSize?: number;
  /** AWS's message for this quota; defaults to `Cannot exceed quota for PolicySize: <maxSize>`. */
  sizeExceededMessage?: string;
  /**
   * Customer-managed policy rules (CreatePolicy, CreatePolicyVersion), checked in strict mode:
   * Version 2012-10-17 required, resource ARNs checked by service (managedPolicyRules).
   */
  managed?: boolean;
}

export const MESSAGES = {
  syntax: "Syntax errors in policy.",
  legacy: "The policy failed legacy parsing",
  principalNotAllowed: "Policy document should not specify a principal.",
  missingPrincipal: "Missing required field Principal",
  prohibitedResource: "Has prohibited field Resource",
  duplicateSid: "Statement IDs (SID) in a single policy must be unique.",
  sidAlphanumeric:
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
  missingActions: "Policy statement must contain actions.",
  missingResources: "Policy statement must contain resources.",
  vendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  oneColon: "Actions/Condition can contain only one colon.",
} as const;

const TOP_ELEMENTS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
  "Condition",
]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
/**
 * The partitions a resource ARN may name: only the one the account lives in. AWS refuses the
 * others on write ("Partition "aws" is not valid for resource …" in China and GovCloud accounts;
 * an unexpanded "${ARN_PARTITION}" likewise), and Portcullis's accounts are in "aws".
 */
const PARTITIONS: ReadonlySet<string> = new Set(["aws"]);
/** Kinds whose statements name no principal (the principal is whoever the policy is attached to). */
const PRINCIPAL_LESS: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session", "scp"]);

type Fail = (message: string) => void;

/** A stage's first failure, and where it points (see MalformedPolicyDocumentError.position). */
interface Failure {
  message: string;
  at: SourcePosition | undefined;
}

export function parsePolicyDocument(text: string, opts: ParsePolicyOptions): PolicyDocument {
  const strict = opts.mode === "strict";
  if (typeof text !== "string") throw new MalformedPolicyDocumentError(MESSAGES.syntax);
  if (strict && opts.maxSize !== undefined) {
    const size = measurePolicySize(text);
    if (size > opts.maxSize) {
      throw new PolicySizeExceededError(
        opts.sizeExceededMessage ?? `Cannot exceed quota for PolicySize: ${opts.maxSize}`,
        size,
        opts.maxSize,
      );
    }
  }
  let parsed: ReturnType<typeof parseJsonWithPositions>;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (err) {
    throw new MalformedPolicyDocumentError(
      MESSAGES.syntax,
      err instanceof JsonSyntaxError ? err.position : undefined,
    );
  }
  return readPolicyDocument(parsed.value, opts, parsed.spans);
}

/**
 * Reads an already-parsed JSON value as a policy document (same rules as parsePolicyDocument,
 * without positions or size checks). Handy for documents held as objects.
 */
export function readPolicyDocument(
  value: unknown,
  opts: Pick<ParsePolicyOptions, "kind" | "mode" | "managed">,
  spans?: WeakMap<object, SourceSpan>,
): PolicyDocument {
  const strict = opts.mode === "strict";
  // Strict checks run in AWS's order: syntax, then legacy parsing, then the semantic checks.
  // Each stage records its first failure; the earliest stage wins.
  // Semantic failures carry a rank (AWS reports SIDs, then actions, then resources, then formats).
  // Each failure points at the statement being read, or else at the document.
  const startOf = (v: unknown) => (typeof v === "object" && v !== null ? spans?.get(v)?.start : undefined);
  let at = startOf(value);
  const stage: { syntax?: Failure; legacy?: Failure; semantic?: Failure; semanticRank: number } = {
    semanticRank: Number.POSITIVE_INFINITY,
  };
  const syntax: Fail = (m) => {
    stage.syntax ??= { message: m, at };
  };
  const legacy: Fail = (m) => {
    stage.legacy ??= { message: m, at };
  };
  const semantic: Fail = (m) => {
    const rank = semanticRank(m);
    if (rank < stage.semanticRank) {
      stage.semantic = { message: m, at };
      stage.semanticRank = rank;
    }
  };

  if (!isPlainObject(value)) {
    if (strict) throw new MalformedPolicyDocumentError(MESSAGES.syntax, at);
    return { version: undefined, statements: [] };
  }
  for (const key of Object.keys(value)) if (!TOP_ELEMENTS.has(key)) syntax(MESSAGES.syntax);

  let version: PolicyVersion | undefined;
  const rawVersion = value.Version;
  if (rawVersion !== undefined) {
    if (typeof rawVersion !== "string") syntax(MESSAGES.syntax);
    else if (rawVersion === "2012-10-17" || rawVersion === "2008-10-17") version = rawVersion;
    else legacy(MESSAGES.legacy);
  }
  if (opts.managed && version !== "2012-10-17") semantic(MANAGED_POLICY_MESSAGES.version);
  let id: string | undefined;
  if (value.Id !== undefined) {
    if (typeof value.Id === "string") id = value.Id;
    else syntax(MESSAGES.syntax);
  }

  const rawStatements: unknown[] = [];
  const rawStatement = value.Statement;
  if (Array.isArray(rawStatement)) {
    rawStatements.push(...rawStatement);
    if (rawStatement.length === 0) syntax(MESSAGES.syntax);
  } else if (isPlainObject(rawStatement)) rawStatements.push(rawStatement);
  else syntax(MESSAGES.syntax);

  const statements: PolicyStatement[] = [];
  const sids = new Set<string>();
  const documentStart = at;
  for (let i = 0; i < rawStatements.length; i++) {
    const raw = rawStatements[i];
    at = startOf(raw) ?? startOf(rawStatement) ?? documentStart;
    if (!isPlainObject(raw)) {
      syntax(MESSAGES.syntax);
      continue;
    }
    const st = readStatement(raw, i, opts, syntax, legacy, semantic);
    if (!st) continue;
    const span = spans?.get(raw);
    if (span) st.span = span;
    if (st.sid !== undefined && st.sid !== "") {
      if (sids.has(st.sid)) semantic(MESSAGES.duplicateSid);
      sids.add(st.sid);
    }
    statements.push(st);
  }

  if (strict) {
    const failure = stage.syntax ?? stage.legacy ?? stage.semantic;
    if (failure) throw new MalformedPolicyDocumentError(failure.message, failure.at);
  }
  const doc: PolicyDocument = { version, statements };
  if (id !== undefined) doc.id = id;
  return doc;
}

function semanticRank(message: string): number {
  if (message === MANAGED_POLICY_MESSAGES.version) return -1; // AWS's order unconfirmed
  if (message === MESSAGES.principalNotAllowed || message === MESSAGES.missingPrincipal) return 0;
  if (message.startsWith("Invalid principal")) return 0;
  if (message === MESSAGES.duplicateSid || message === MESSAGES.sidAlphanumeric) return 1;
  if (message === MESSAGES.missingActions) return 2;
  if (message === MESSAGES.missingResources || message === MESSAGES.prohibitedResource) return 3;
  if (
    message.startsWith("Resource ") ||
    message.startsWith("Partition ") ||
    message.startsWith("IAM resource ")
  )
    return 4;
  return 5;
}

function readStatement(
  raw: Record<string, unknown>,
  index: number,
  opts: Pick<ParsePolicyOptions, "kind" | "managed">,
  syntax: Fail,
  legacy: Fail,
  semantic: Fail,
): PolicyStatement | undefined {
  const kind = opts.kind;
  for (const key of Object.keys(raw)) if (!STATEMENT_ELEMENTS.has(key)) syntax(MESSAGES.syntax);
  if (raw.Action !== undefined && raw.NotAction !== undefined) syntax(MESSAGES.syntax);
  if (raw.Resource !== undefined && raw.NotResource !== undefined) syntax(MESSAGES.syntax);
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) syntax(MESSAGES.syntax);

  let effect: Effect | undefined;
  if (typeof raw.Effect !== "string") syntax(MESSAGES.syntax);
  else if (raw.Effect === "Allow" || raw.Effect === "Deny") effect = raw.Effect;
  else {
    const lower = raw.Effect.toLowerCase();
    if (lower === "allow" || lower === "deny") {
      // AWS's grammar accepts any case, but its legacy parser insists on the exact spelling.
      legacy(MESSAGES.legacy);
      effect = lower === "allow" ? "Allow" : "Deny";
    } else syntax(MESSAGES.syntax);
  }

  let sid: string | undefined;
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid === "string") {
      sid = raw.Sid;
      if ((kind === "identity" || kind === "boundary" || kind === "trust") && !/^[0-9A-Za-z]*$/.test(sid)) {
        semantic(MESSAGES.sidAlphanumeric);
      }
    } else syntax(MESSAGES.syntax);
  }

  const action = readStringList(raw.Action, syntax);
  const notAction = readStringList(raw.NotAction, syntax);
  const resource = readStringList(raw.Resource, syntax);
  const notResource = readStringList(raw.NotResource, syntax);
  const principal = readPrincipal(raw.Principal, syntax, semantic);
  const notPrincipal = readPrincipal(raw.NotPrincipal, syntax, semantic);
  const condition = readCondition(raw.Condition, syntax, legacy);

  if (PRINCIPAL_LESS.has(kind)) {
    if (raw.Principal !== undefined || raw.NotPrincipal !== undefined) semantic(MESSAGES.principalNotAllowed);
  } else if (raw.Principal === undefined && raw.NotPrincipal === undefined)
    semantic(MESSAGES.missingPrincipal);

  for (const list of [resource, notResource]) {
    if (!list) continue;
    for (const r of list) {
      if (r === "*") continue;
      // "arn:aws:s3:::*" has its service in the third place; "::" with too few parts cannot be an ARN.
      const parts = r.split(":");
      if (r.includes("::") && parts.length < 6) legacy(MESSAGES.legacy);
      else if (parts.length > 2 && parts[2] === "") legacy(MESSAGES.legacy);
    }
  }

  if (!action?.length && !notAction?.length) semantic(MESSAGES.missingActions);
  if (kind === "trust") {
    if (raw.Resource !== undefined || raw.NotResource !== undefined) semantic(MESSAGES.prohibitedResource);
  } else if (!resource?.length && !notResource?.length) semantic(MESSAGES.missingResources);

  for (const list of [resource, notResource]) {
    if (!list) continue;
    for (const r of list) {
      const problem = checkResourceFormat(r) ?? (opts.managed ? checkManagedResourceArn(r) : undefined);
      if (problem) semantic(problem);
    }
  }
  for (const list of [action, notAction]) {
    if (!list) continue;
    for (const a of list) {
      const problem = checkActionFormat(a);
      if (problem) semantic(problem);
    }
  }

  if (!effect) {
    // Lenient: a statement whose effect cannot be read can neither allow nor deny.
    return undefined;
  }
  const st: PolicyStatement = { index, effect };
  if (sid !== undefined) st.sid = sid;
  if (action) st.action = action;
  if (notAction) st.notAction = notAction;
  if (resource) st.resource = resource;
  if (notResource) st.notResource = notResource;
  if (principal !== undefined) st.principal = principal;
  if (notPrincipal !== undefined) st.notPrincipal = notPrincipal;
  if (condition) st.condition = condition;
  return st;
}

function readStringList(v: unknown, syntax: Fail): string[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v) {
      if (typeof item === "string") out.push(item);
      else syntax(MESSAGES.syntax);
    }
    return out;
  }
  syntax(MESSAGES.syntax);
  return [];
}

function readPrincipal(v: unknown, syntax: Fail, semantic: Fail): PrincipalElement | undefined {
  if (v === undefined) return undefined;
  if (v === "*") return "*";
  if (!isPlainObject(v)) {
    if (typeof v === "string") semantic(`Invalid principal in policy: ${JSON.stringify(v)}`);
    else syntax(MESSAGES.syntax);
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const [type, raw] of Object.entries(v)) {
    const values = readStringList(raw, syntax) ?? [];
    if (!PRINCIPAL_TYPES.has(type)) {
      semantic(`Invalid principal in policy: ${JSON.stringify(type)}:${JSON.stringify(values[0] ?? "")}`);
    }
    if (type === "AWS") {
      for (const id of values) {
        if (id === "*" || /^\d{12}$/.test(id)) continue;
        // AWS principals name one account or one ARN exactly; partial wildcards are refused.
        if (!id.startsWith("arn:") || id.includes("*") || id.includes("?")) {
          semantic(`Invalid principal in policy: "AWS":${JSON.stringify(id)}`);
        }
      }
    }
    out[type] = values;
  }
  return out;
}

function readCondition(v: unknown, syntax: Fail, legacy: Fail): ConditionBlock | undefined {
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) {
    syntax(MESSAGES.syntax);
    return undefined;
  }
  const out: ConditionBlock = {};
  for (const [operator, rawBlock] of Object.entries(v)) {
    if (!isPlainObject(rawBlock)) {
      syntax(MESSAGES.syntax);
      continue;
    }
    const op = findConditionOperator(operator);
    if (!op && Object.keys(rawBlock).length > 0) syntax(MESSAGES.syntax);
    const block: Record<string, string[]> = {};
    for (const [key, rawValues] of Object.entries(rawBlock)) {
      const values: string[] = [];
      const list = Array.isArray(rawValues) ? rawValues : [rawValues];
      for (const item of list) {
        if (typeof item === "string") values.push(item);
        else if (typeof item === "number" || typeof item === "boolean") values.push(String(item));
        else syntax(MESSAGES.syntax);
      }
      if (op?.family === "Date") {
        for (const value of values) {
          // Date values that are neither ISO 8601 nor epoch seconds fail AWS's legacy parser.
          if (!value.includes("${") && parseDateValue(value) === undefined) legacy(MESSAGES.legacy);
        }
      }
      Object.defineProperty(block, key, {
        value: values,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    Object.defineProperty(out, operator, {
      value: block,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function checkResourceFormat(r: string): string | undefined {
  if (r === "*") return undefined;
  if (!r.includes(":")) return `Resource ${r} must be in ARN format or "*".`;
  const parts = r.split(":");
  if (parts[0] !== "arn") return `Resource ${r} must be in ARN format or "*".`;
  const partition = parts[1] ?? "";
  if (!PARTITIONS.has(partition) && !partition.includes("*") && !partition.includes("?")) {
    // A full ARN is quoted as written (observed); AWS wording unconfirmed for the "*" filling
    // of a short one.
    const seg = (i: number) => (parts[i] === undefined || (parts[i] === "" && i === 2) ? "*" : parts[i]);
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${seg(2)}:${seg(3)}:${seg(4)}:${parts.length > 5 ? parts.slice(5).join(":") : "*"}".`;
  }
  return undefined;
}

function checkActionFormat(a: string): string | undefined {
  if (a === "*") return undefined;
  const parts = a.split(":");
  if (parts.length === 1) return MESSAGES.vendor;
  if (parts.length > 2) return MESSAGES.oneColon;
  const vendor = parts[0] ?? "";
  if (vendor === "") return MESSAGES.vendor;
  if (!/^[a-zA-Z0-9\-.*?]+$/.test(vendor)) return `Vendor ${vendor} is not valid`;
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
