// One API operation: what it is called, the action and resource authorization checks, and the
// domain logic, and the facts its non-policy guards need. Every operation is declared through `defineOperation` so the server can treat
// them all alike: authorize, run (inside a transaction when it changes state), audit.

import type { Sealer } from "../auth/sealing/Sealer.ts";
import type { GuardFacts } from "../authorization/guards/GuardFacts.ts";
import type { StoredPolicy } from "../authorization/PrincipalEntities.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { StoreSession } from "../store/ports.ts";
import type { InputAuthenticationScope } from "./InputAuthentication.ts";
import type { OperationContext } from "./OperationContext.ts";

export interface ResourcePolicyOf {
  readonly kind: "trust" | "resource";
  readonly policy: StoredPolicy;
  /** The account that owns the resource (the role's account, for cross-account AssumeRole). */
  readonly accountId: string;
}

export type ConditionValue = string | string[] | boolean | number;

export interface Operation<I = unknown, O = unknown> {
  readonly service: "iam" | "sts";
  readonly name: string;
  /** The action as AWS's Service Authorization Reference names it (`iam:CreateUser`). */
  readonly action: string;
  /**
   * Set for the operations a token in their input authenticates (AssumeRoleWithWebIdentity,
   * AssumeRoleWithSAML): the request is not signed, and this verifies the token and says who the
   * caller is, before authorization and before the operation's transaction opens. Every other
   * operation is authenticated by its SigV4 signature.
   */
  authenticate?(input: I, scope: InputAuthenticationScope): Promise<CallerIdentity>;
  /** Changes state: runs in one transaction together with its audit record. */
  readonly mutating: boolean;
  /**
   * The resource ARN the action applies to. It may read the store: an existing user's ARN
   * carries its path, which policies can match on.
   */
  resource(input: I, scope: { caller: CallerIdentity; store: StoreSession }): string | Promise<string>;
  /**
   * Request-specific condition keys (`aws:RequestTag/…`, `aws:TagKeys`, `iam:PolicyARN`…). It may
   * read the store: some keys describe what exists now (the boundary a call would remove).
   */
  conditionKeys?(
    input: I,
    scope: { caller: CallerIdentity; store: StoreSession },
  ): Record<string, ConditionValue> | Promise<Record<string, ConditionValue>>;
  /**
   * The resource-based policy the action is decided against, where it has one: the target role's
   * trust policy for sts:AssumeRole. Undefined when there is none.
   */
  resourcePolicy?(
    input: I,
    scope: { caller: CallerIdentity; store: StoreSession },
  ): Promise<ResourcePolicyOf | undefined>;
  /**
   * Actions the request needs besides `action`, on the same resource (AssumeRole with session
   * tags needs sts:TagSession; with a source identity, sts:SetSourceIdentity).
   */
  alsoRequires?(input: I): readonly string[];
  /**
   * Checks an MFA code the request carries before the decision (AssumeRole's SerialNumber and
   * TokenCode), so that policies see aws:MultiFactorAuthPresent; returns when it was checked.
   */
  proveMfa?(
    input: I,
    scope: { caller: CallerIdentity; store: StoreSession; now: Date; sealer: Sealer; sourceIp: string },
  ): Promise<Date | undefined>;
  /**
   * Facts for the guards that are not policy (the 2023 MFA rule needs the target's device count).
   * Read in the operation's own transaction, right before it runs.
   */
  guardFacts?(input: I, scope: { caller: CallerIdentity; store: StoreSession }): Promise<GuardFacts>;
  execute(input: I, ctx: OperationContext): Promise<O>;
}

export function defineOperation<I, O>(op: Operation<I, O>): Operation<I, O> {
  return op;
}
