/**
 * Principal/NotPrincipal of resource-based and trust policies, compiled into a function that
 * grades how a statement names the caller — which decides how the grant combines with the
 * caller's own policies (reference_policies_evaluation-logic, "Resource-based policies"):
 * - "direct": the caller's own ARN (IAM user, role session, federated user session), `*`,
 *   or a Service/Federated/CanonicalUser id: not limited by implicit denies elsewhere;
 * - "parent": the role of a role session, or the IAM user behind a federated user session:
 *   limited by the permissions boundary and session policies;
 * - "account": the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`):
 *   the account delegates, so the caller's identity-based policies must allow too.
 *
 * Pure: imports nothing but other policy modules.
 */
import type { PrincipalElement } from "./PolicyDocument.ts";

export type PrincipalType =
  | "root"
  | "user"
  | "assumed-role"
  | "federated-user"
  | "service"
  | "identity-provider"
  | "anonymous";

export interface RequestPrincipal {
  /** The caller's ARN (`arn:aws:sts::…:assumed-role/r/s` for sessions), service name or provider. */
  arn: string;
  accountId: string;
  type: PrincipalType;
  /** For assumed-role sessions: the role's ARN. */
  roleArn?: string;
  /** For federated-user sessions (GetFederationToken): the IAM user's ARN. */
  userArn?: string;
  /** For S3-style CanonicalUser principals. */
  canonicalUserId?: string;
}

/** 0: not named; 1: by account; 2: by parent role/user; 3: directly. */
export type PrincipalGrade = 0 | 1 | 2 | 3;
export const GRADE = { none: 0, account: 1, parent: 2, direct: 3 } as const;

export type PrincipalMatcher = (p: RequestPrincipal) => PrincipalGrade;

interface PrincipalSets {
  anyone: boolean;
  aws: Set<string>;
  accounts: Set<string>;
  service: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
}

function collect(element: PrincipalElement): PrincipalSets {
  const sets: PrincipalSets = {
    anyone: element === "*",
    aws: new Set(),
    accounts: new Set(),
    service: new Set(),
    federated: new Set(),
    canonical: new Set(),
  };
  if (element === "*") return sets;
  for (const [type, values] of Object.entries(element)) {
    for (const v of values) {
      if (type === "AWS") {
        if (v === "*") sets.anyone = true;
        else if (/^\d{12}$/.test(v)) sets.accounts.add(v);
        else {
          const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(v);
          if (root) sets.accounts.add(root[1] as string);
          else sets.aws.add(v);
        }
      } else if (type === "Service") sets.service.add(v);
      else if (type === "Federated") sets.federated.add(v);
      else if (type === "CanonicalUser") sets.canonical.add(v);
    }
  }
  return sets;
}

function grade(s: PrincipalSets, p: RequestPrincipal): PrincipalGrade {
  if (s.anyone) return 3;
  switch (p.type) {
    case "service":
      return s.service.has(p.arn) ? 3 : 0;
    case "identity-provider":
      return s.federated.has(p.arn) ? 3 : 0;
    case "anonymous":
      return 0;
    case "root":
      return s.accounts.has(p.accountId) || s.aws.has(p.arn) ? 3 : 0;
    default:
      if (s.aws.has(p.arn)) return 3;
      if (p.canonicalUserId !== undefined && s.canonical.has(p.canonicalUserId)) return 3;
      if (p.type === "assumed-role" && p.roleArn !== undefined && s.aws.has(p.roleArn)) return 2;
      if (p.type === "federated-user" && p.userArn !== undefined && s.aws.has(p.userArn)) return 2;
      return s.accounts.has(p.accountId) ? 1 : 0;
  }
}

export function compilePrincipal(element: PrincipalElement): PrincipalMatcher {
  const sets = collect(element);
  return (p) => grade(sets, p);
}

/**
 * NotPrincipal: the statement applies unless every identity AWS may evaluate for the caller is
 * listed — its own ARN, its role (or federating user), and its account — because "AWS might
 * validate the account first, then the role, and then the assumed-role user"
 * (reference_policies_elements_notprincipal).
 */
export function compileNotPrincipal(element: PrincipalElement): (p: RequestPrincipal) => boolean {
  const s = collect(element);
  return (p) => {
    if (s.anyone) return false;
    switch (p.type) {
      case "service":
        return !s.service.has(p.arn);
      case "identity-provider":
        return !s.federated.has(p.arn);
      case "anonymous":
        return true;
      case "root":
        return !(s.accounts.has(p.accountId) || s.aws.has(p.arn));
      default: {
        const selfListed =
          s.aws.has(p.arn) || (p.canonicalUserId !== undefined && s.canonical.has(p.canonicalUserId));
        const parent =
          p.type === "assumed-role" ? p.roleArn : p.type === "federated-user" ? p.userArn : undefined;
        const parentListed = parent === undefined || s.aws.has(parent);
        const accountListed = s.accounts.has(p.accountId);
        return !(selfListed && parentListed && accountListed);
      }
    }
  };
}
